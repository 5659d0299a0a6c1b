package dev.ppl.cli.http;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.cli.CliException;
import dev.ppl.cli.ExitCodes;
import dev.ppl.cli.config.CliConfig;
import dev.ppl.contracts.codec.JsonCodec;

/**
 * The gateway's public API as the CLI uses it. A refusal becomes a {@link CliException} with exit code 3. Files go
 * to and from disk as they are sent and read ({@link #upload}, {@link #download}, {@link #postTo}), never whole in
 * memory, however large.
 */
public class GatewayClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** The most of a refusal read from a streamed answer: a problem document is far smaller. */
    private static final int REFUSAL_BYTES = 64 * 1024;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final CliConfig config;

    public GatewayClient(CliConfig config) {
        this.config = config;
    }

    public CliConfig config() {
        return config;
    }

    public JsonNode get(String path) {
        return json(send(request(path).GET().build()));
    }

    /** Writes the answer's body to {@code target} as it arrives. */
    public void download(String path, Path target) {
        HttpResponse<InputStream> response = exchange(request(path).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() >= 400) {
                throw refusal(response.statusCode(), new String(body.readNBytes(REFUSAL_BYTES), StandardCharsets.UTF_8));
            }
            Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "downloading " + path + " to " + target + " failed: " + e);
        }
    }

    public JsonNode post(String path, Object body) {
        return json(send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(write(body))).build()));
    }

    public JsonNode put(String path, Object body) {
        return json(send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(write(body))).build()));
    }

    /** A DELETE; the gateway answers 204 with no body. */
    /** A DELETE whose answer is a JSON body. */
    public JsonNode deleteForJson(String path) {
        return json(send(request(path).DELETE().build()));
    }

    public void delete(String path) {
        send(request(path).DELETE().build());
    }

    /**
     * Starts a streamed GET and completes, once the response headers are in, with the body's lines as they
     * arrive. A refusal completes it exceptionally with the same {@link CliException} as any other call; a
     * transport failure with its {@link IOException}. The caller bounds how long it waits.
     */
    public CompletableFuture<Stream<String>> openLines(String path, String accept) {
        return http.sendAsync(request(path).header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofLines())
                .thenApply(response -> {
                    if (response.statusCode() >= 400) {
                        try (Stream<String> body = response.body()) {
                            throw refusal(response.statusCode(), String.join("\n", body.toList()));
                        }
                    }
                    return response.body();
                });
    }

    /** POSTs a file as the body, read from disk as it is sent. */
    public JsonNode upload(String path, Path file, String contentType) {
        return json(send(request(path).header("Content-Type", contentType).POST(ofFile(file)).build()));
    }

    /** Opens a WebSocket on the gateway with the workspace token. */
    public WebSocket webSocket(String path, WebSocket.Listener listener) {
        return openWebSocket(URI.create(toWebSocket(config.gatewayUrl()) + path), config.token(), listener);
    }

    /** Opens a WebSocket at a full URL (a harness endpoint) with that endpoint's own token. */
    public WebSocket openWebSocket(URI uri, String token, WebSocket.Listener listener) {
        try {
            return http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .header("X-Ppl-Surface", "cli").connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(uri, listener).join();
        } catch (CompletionException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "cannot open WebSocket " + redact(uri) + ": " + rootMessage(e));
        }
    }

    /** POSTs a file to a full URL (a harness endpoint) with that endpoint's own token, read from disk as it is sent. */
    public JsonNode postTo(URI uri, String token, Path file, String contentType) {
        return json(send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType).POST(ofFile(file)).build()));
    }

    public static String toWebSocket(String httpUrl) {
        return httpUrl.replaceFirst("^http", "ws");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(config.gatewayUrl() + path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + config.token()).header("X-Ppl-Surface", "cli");
    }

    private String send(HttpRequest request) {
        return new String(sendBytes(request), StandardCharsets.UTF_8);
    }

    private byte[] sendBytes(HttpRequest request) {
        HttpResponse<byte[]> response = exchange(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 400) {
            throw refusal(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (ConnectException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "cannot reach the gateway at " + config.gatewayUrl()
                    + " (is the platform up? `ppl local up`)");
        } catch (IOException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "request to " + redact(request.uri()) + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.UNREACHABLE, "interrupted");
        }
    }

    private static HttpRequest.BodyPublisher ofFile(Path file) {
        try {
            return HttpRequest.BodyPublishers.ofFile(file);
        } catch (FileNotFoundException e) {
            throw new CliException(ExitCodes.INVALID_INPUT, "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The one-line message for a refusal: status, title, detail and the field to blame. */
    public static CliException refusal(int status, String body) {
        String title = "";
        String detail = body;
        String field = null;
        try {
            JsonNode problem = JsonCodec.mapper().readTree(body);
            if (problem != null && problem.isObject()) {
                title = problem.path("title").asText("");
                detail = problem.path("detail").asText(body);
                field = problem.hasNonNull("field") ? problem.get("field").asText() : null;
            }
        } catch (IOException e) {
            // not a problem document: keep the raw body as the detail
        }
        String message = status + (title.isEmpty() ? "" : " " + title) + ": " + detail
                + (field == null ? "" : " (field: " + field + ")");
        return new CliException(ExitCodes.API_REFUSED, message);
    }

    private static JsonNode json(String body) {
        try {
            return body.isBlank() ? JsonCodec.mapper().createObjectNode() : JsonCodec.mapper().readTree(body);
        } catch (IOException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "the gateway answered something that is not JSON");
        }
    }

    private static byte[] write(Object body) {
        try {
            return JsonCodec.mapper().writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Endpoint URLs may carry a token as a query parameter; never print it. */
    private static String redact(URI uri) {
        return uri.toString().replaceAll("token=[^&]*", "token=***");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
