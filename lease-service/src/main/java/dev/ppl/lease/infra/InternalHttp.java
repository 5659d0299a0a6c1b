package dev.ppl.lease.infra;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.service.web.Workspace;

/**
 * Blocking JSON calls to another service's {@code /internal} API as the lease-service, on behalf of one
 * workspace. A refusal (any status from 400 on) becomes a {@link ServiceCallException} carrying the
 * problem's {@code detail}, so the live test can tell the user what the owning service said.
 */
public final class InternalHttp {
    static final String ACTOR = "lease-service";
    static final String SURFACE = "lease";

    private final String service;
    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    public InternalHttp(String service, String baseUrl, Duration timeout) {
        this.service = service;
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    public JsonNode get(String path, String workspaceId) {
        return send(request(path, workspaceId).GET(), path);
    }

    public JsonNode post(String path, String workspaceId, Object body) {
        byte[] json;
        try {
            json = JsonCodec.mapper().writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode the body for " + path, e);
        }
        return send(request(path, workspaceId).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)), path);
    }

    /** One path segment, percent-encoded (component names have spaces). */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String path, String workspaceId) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header(Workspace.HEADER, workspaceId)
                .header(Workspace.ACTOR_HEADER, ACTOR)
                .header(Workspace.SURFACE_HEADER, SURFACE);
    }

    private JsonNode send(HttpRequest.Builder request, String path) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new ServiceCallException(0, "the " + service + " did not answer " + path + " within " + timeout.toSeconds()
                    + "s");
        } catch (IOException e) {
            throw new ServiceCallException(0, "the " + service + " cannot be reached at " + base + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceCallException(0, "interrupted while calling the " + service);
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() >= 400) {
            throw new ServiceCallException(response.statusCode(), refusal(response.statusCode(), body, path));
        }
        return body;
    }

    private String refusal(int status, JsonNode body, String path) {
        if (body != null && body.hasNonNull("detail")) {
            return body.get("detail").asText();
        }
        return "the " + service + " answered " + status + " to " + path;
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return JsonCodec.mapper().readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
