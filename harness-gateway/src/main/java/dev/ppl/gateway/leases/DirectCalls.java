package dev.ppl.gateway.leases;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.stream.Stream;

import jakarta.ws.rs.core.StreamingOutput;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.gateway.auth.Caller;
import dev.ppl.service.http.InternalClient;
import dev.ppl.service.web.ProblemException;

/**
 * The lease-service calls {@link InternalClient} has no method for (a PUT, a streamed GET), built on its
 * {@link InternalClient#request} so they carry the same workspace, actor and surface headers, and refused the
 * same way: the lease-service's problem as it is, 503 or 504 when it cannot be reached.
 */
final class DirectCalls {
    private static final String SERVICE = "lease-service";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private DirectCalls() {
    }

    static JsonNode put(InternalClient leases, Caller caller, String path, JsonNode body) {
        byte[] json;
        try {
            json = JsonCodec.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpResponse<String> response = send(leases.request(caller.workspaceId(), caller.actor(), caller.surface(), path)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofByteArray(json)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() >= 400) {
            throw InternalClient.refusal(SERVICE, response.statusCode(), response.body());
        }
        try {
            return JsonCodec.mapper().readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new ProblemException(502, "Bad gateway", "the " + SERVICE + " answered something that is not JSON", null,
                    null);
        }
    }

    /**
     * The lease-service's NDJSON wait stream as server-sent events: each line becomes one {@code data:} event,
     * written and flushed as it arrives. The internal call is made here, before the public answer starts, so a
     * refusal (unknown lease, bad {@code until}) is still answered as the lease-service's problem rather than as
     * a 200 stream. The request's timeout bounds only the wait for the response headers, which the lease-service
     * sends with its first event; the events themselves may take as long as the wait's own {@code timeout}.
     */
    static StreamingOutput waitEvents(InternalClient leases, Caller caller, String path) {
        HttpResponse<Stream<String>> response = send(leases.request(caller.workspaceId(), caller.actor(), caller.surface(),
                path).header("Accept", "application/x-ndjson").GET().build(), HttpResponse.BodyHandlers.ofLines());
        Stream<String> lines = response.body();
        if (response.statusCode() >= 400) {
            try (lines) {
                throw InternalClient.refusal(SERVICE, response.statusCode(), String.join("\n", lines.toList()));
            }
        }
        return out -> relay(lines, out);
    }

    /** Ends when the internal stream ends; a client that goes away ends it too, and closing the lines ends the call. */
    private static void relay(Stream<String> lines, OutputStream out) throws IOException {
        try (lines) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                if (line.isBlank()) {
                    continue;
                }
                out.write(("data: " + line + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
    }

    private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return HTTP.send(request, body);
        } catch (java.net.http.HttpTimeoutException e) {
            throw new ProblemException(504, "Gateway timeout", "the " + SERVICE + " did not answer "
                    + request.uri().getPath() + " in time", null, null);
        } catch (IOException e) {
            throw new ProblemException(503, "Service unavailable", "the " + SERVICE + " cannot be reached: " + e, null,
                    null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(503, "Service unavailable", "interrupted calling the " + SERVICE, null, null);
        }
    }
}
