package dev.ppl.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.codec.JsonCodec;

/** A JSON-over-HTTP/1.1 caller with fixed headers (the bearer token, or the internal workspace headers). */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final Map<String, String> headers;

    private Http(String base, Map<String, String> headers) {
        this.base = base;
        this.headers = headers;
    }

    /** The public API: {@code Authorization: Bearer <token>}. */
    static Http gateway(String base, String token) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Authorization", "Bearer " + token);
        h.put("X-Ppl-Surface", "sdk");
        return new Http(base, h);
    }

    /** The operations-service's internal API, as the gateway calls it for that workspace. */
    static Http internal(String base, String workspaceId) {
        Map<String, String> h = new LinkedHashMap<>();
        if (workspaceId != null) {
            h.put("X-Ppl-Workspace", workspaceId);
            h.put("X-Ppl-Actor", "bench");
            h.put("X-Ppl-Surface", "sdk");
        }
        return new Http(base, h);
    }

    /** POSTs a JSON body (null: no body) and answers the parsed answer; anything but 2xx is an exception. */
    JsonNode post(String path, String json, Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        return answer("POST", path, CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray()));
    }

    /** GETs and answers the parsed answer; anything but 2xx is an exception. */
    JsonNode get(String path, Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).GET();
        headers.forEach(b::header);
        return answer("GET", path, CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray()));
    }

    private JsonNode answer(String method, String path, HttpResponse<byte[]> r) throws IOException {
        if (r.statusCode() / 100 != 2) {
            throw new IOException(method + " " + base + path + " answered " + r.statusCode() + ": "
                    + abbreviate(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)));
        }
        return r.body().length == 0 ? JsonCodec.mapper().nullNode() : JsonCodec.mapper().readTree(r.body());
    }

    static String json(Object value) {
        try {
            return JsonCodec.mapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) + "..." : s;
    }
}
