package dev.ppl.cli.backend;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.ppl.cli.CliContext;
import dev.ppl.cli.Ppl;
import dev.ppl.contracts.codec.JsonCodec;

/**
 * A loopback HTTP server standing in for the gateway: records each request and answers with the status and
 * body it was told to, or with a stream of chunks written one at a time. Lets the CLI tests check what a verb
 * sends and prints without a platform.
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
    private volatile List<String> chunks;
    private volatile int holdBefore = -1;
    private volatile boolean hang;
    private final CountDownLatch released = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final ExecutorService threads = Executors.newCachedThreadPool();

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
                if (chunks != null) {
                    stream(exchange);
                    return;
                }
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", contentType);
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        });
        // A held or hanging stream occupies its thread while the test goes on.
        server.setExecutor(threads);
        server.start();
    }

    private void stream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        try {
            for (int i = 0; i < chunks.size(); i++) {
                if (i == holdBefore && !released.await(30, TimeUnit.SECONDS)) {
                    return;
                }
                out.write(chunks.get(i).getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            if (hang) {
                closed.await(60, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next answers: this status and JSON body. */
    public FakeGateway answer(int status, String json) {
        this.status = status;
        this.answer = json;
        this.contentType = status >= 400 ? "application/problem+json" : "application/json";
        this.chunks = null;
        return this;
    }

    /**
     * The next answers: a 200 {@code text/event-stream} of these chunks, each written and flushed on its own.
     * Before chunk {@code holdBefore} (-1: never) it waits for {@link #release()}; with {@code hang} it keeps the
     * connection open after the last chunk until the fake is closed.
     */
    public FakeGateway stream(int holdBefore, boolean hang, String... chunks) {
        this.status = 200;
        this.holdBefore = holdBefore;
        this.hang = hang;
        this.chunks = List.of(chunks);
        return this;
    }

    /** One server-sent event carrying {@code json} as its data. */
    public static String event(String json) {
        return "data: " + json + "\n\n";
    }

    /** Lets a held stream go on. */
    public void release() {
        released.countDown();
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
        released.countDown();
        closed.countDown();
        server.stop(0);
        threads.shutdownNow();
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
        return ppl(home, new ByteArrayOutputStream(), args);
    }

    /** As {@link #ppl(Path, String...)}, writing stdout to {@code out}, which a test may read while the CLI runs. */
    public static Run ppl(Path home, ByteArrayOutputStream out, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Ppl.run(args, new CliContext(Map.of("PPL_HOME", home.toString()), home,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
