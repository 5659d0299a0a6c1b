package dev.ppl.cli.backend;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import dev.ppl.cli.CliContext;
import dev.ppl.cli.Ppl;
import dev.ppl.contracts.codec.JsonCodec;

/**
 * A loopback HTTP server standing in for the gateway: records each request and answers with the status and
 * body it was told to. Lets the CLI tests check what a verb sends and prints without a platform.
 */
public final class FakeGateway implements AutoCloseable {
    /** One request as the gateway saw it. */
    public record Request(String method, String pathAndQuery, String authorization, String surface, String body) {
        public JsonNode json() {
            try {
                return JsonCodec.mapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String answer = "{}";
    private volatile String contentType = "application/json";

    public FakeGateway() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("X-Ppl-Surface"), body));
                if (status == 204) {
                    exchange.sendResponseHeaders(204, -1);
                    return;
                }
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", contentType);
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next answers: this status and JSON body. */
    public FakeGateway answer(int status, String json) {
        this.status = status;
        this.answer = json;
        this.contentType = status >= 400 ? "application/problem+json" : "application/json";
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public Request last() {
        if (requests.isEmpty()) {
            throw new AssertionError("the gateway received no request");
        }
        return requests.get(requests.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** What one {@code ppl} invocation did. */
    public record Run(int code, String out, String err) {
        public JsonNode json() throws Exception {
            return JsonCodec.mapper().readTree(out);
        }
    }

    /** Points the CLI configuration in {@code home} at this gateway. */
    public void configure(Path home) throws IOException {
        Files.writeString(home.resolve("config.json"), "{\"gateway_url\": \"" + url() + "\", \"token\": \"pt_clitest\"}");
    }

    /** Runs the CLI in-process with {@code home} as PPL_HOME and working directory. */
    public static Run ppl(Path home, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Ppl.run(args, new CliContext(Map.of("PPL_HOME", home.toString()), home,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
