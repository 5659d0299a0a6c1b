package dev.ppl.service.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.service.web.ProblemException;
import dev.ppl.service.web.Workspace;

/**
 * A blocking client for another service's {@code /internal} API, for worker threads. A refusal comes
 * back as a {@link ProblemException} carrying the other service's status, detail and field, so it can
 * be passed on as it is; a service that cannot be reached is a 503 naming it.
 */
public class InternalClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** The most of a streamed answer's refusal that is read. */
    public static final int REFUSAL_BYTES = 64 * 1024;

    private final String service;
    private final String baseUrl;
    private final String actor;
    private final String surface;
    private final Duration timeout;

    public InternalClient(String service, String baseUrl, String actor, String surface) {
        this(service, baseUrl, actor, surface, DEFAULT_TIMEOUT);
    }

    /** @param timeout how long one call may take before it counts as the service not answering */
    public InternalClient(String service, String baseUrl, String actor, String surface, Duration timeout) {
        this.service = service;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.actor = actor;
        this.surface = surface;
        this.timeout = timeout;
    }

    /** One path segment, percent-encoded (component names have spaces). */
    public static String segment(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    public String baseUrl() {
        return baseUrl;
    }

    public JsonNode get(String workspaceId, String path) {
        return send(request(workspaceId, actor, surface, path).GET().build());
    }

    public JsonNode post(String workspaceId, String path, Object body) {
        return post(workspaceId, actor, surface, path, body);
    }

    public JsonNode delete(String workspaceId, String path) {
        return send(request(workspaceId, actor, surface, path).DELETE().build());
    }

    /** A call on behalf of a caller: the gateway passes on who asked and through which surface. */
    public JsonNode get(String workspaceId, String onBehalfOf, String via, String path) {
        return send(request(workspaceId, onBehalfOf, via, path).GET().build());
    }

    public JsonNode post(String workspaceId, String onBehalfOf, String via, String path, Object body) {
        try {
            return send(request(workspaceId, onBehalfOf, via, path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JsonCodec.mapper().writeValueAsBytes(body))).build());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public JsonNode delete(String workspaceId, String onBehalfOf, String via, String path) {
        return send(request(workspaceId, onBehalfOf, via, path).DELETE().build());
    }

    /**
     * POSTs and answers the response's lines as they arrive, for streamed answers such as NDJSON. A
     * refusal is thrown like any other.
     */
    public java.util.stream.Stream<String> postForLines(String workspaceId, String onBehalfOf, String via, String path,
            Object body) {
        HttpResponse<java.util.stream.Stream<String>> response;
        try {
            HttpRequest request = request(workspaceId, onBehalfOf, via, path).timeout(Duration.ofHours(1))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JsonCodec.mapper().writeValueAsBytes(body))).build();
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new ProblemException(503, "Service unavailable", "the " + service + " cannot be reached: " + e, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(503, "Service unavailable", "interrupted calling the " + service, null, null);
        }
        if (response.statusCode() >= 400) {
            String text = String.join("\n", response.body().toList());
            throw refusal(service, response.statusCode(), text);
        }
        return response.body();
    }

    public HttpRequest.Builder request(String workspaceId, String onBehalfOf, String via, String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout).header(Workspace.HEADER, workspaceId)
                .header(Workspace.ACTOR_HEADER, onBehalfOf).header(Workspace.SURFACE_HEADER, via);
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new ProblemException(504, "Gateway timeout", "the " + service + " did not answer " + request.uri().getPath()
                    + " within " + timeout.toSeconds() + "s", null, null);
        } catch (IOException e) {
            throw new ProblemException(503, "Service unavailable", "the " + service + " cannot be reached: " + e, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(503, "Service unavailable", "interrupted calling the " + service, null, null);
        }
        if (response.statusCode() >= 400) {
            throw refusal(service, response.statusCode(), response.body());
        }
        try {
            return response.body().isBlank() ? JsonCodec.mapper().nullNode() : JsonCodec.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new ProblemException(502, "Bad gateway", "the " + service + " answered something that is not JSON", null,
                    null);
        }
    }

    /**
     * The other service's refusal read from a streamed answer, at most {@link #REFUSAL_BYTES} of it (a problem
     * document is far smaller), as an exception of the same status, detail and field.
     */
    public static ProblemException refusal(String service, int status, InputStream body) {
        try (body) {
            return refusal(service, status, new String(body.readNBytes(REFUSAL_BYTES), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new ProblemException(502, "Bad gateway", "the " + service + "'s refusal (" + status
                    + ") could not be read: " + e.getMessage(), null, null);
        }
    }

    /** The other service's problem document as an exception of the same status, detail and field. */
    public static ProblemException refusal(String service, int status, String body) {
        try {
            JsonNode problem = JsonCodec.mapper().readTree(body);
            if (problem != null && problem.hasNonNull("detail")) {
                return new ProblemException(status, problem.path("title").asText("Error"), problem.get("detail").asText(),
                        problem.hasNonNull("field") ? problem.get("field").asText() : null,
                        problem.hasNonNull("expected") ? problem.get("expected").asText() : null,
                        problem.path("limit").canConvertToLong() ? problem.get("limit").asLong() : null);
            }
        } catch (IOException e) {
            // not a problem document: described below
        }
        return new ProblemException(status, "Error", "the " + service + " answered " + status, null, null);
    }
}
