package dev.ppl.gateway.backends;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.ppl.contracts.codec.JsonCodec;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stands in for the operations-service's HTTP API, so the gateway's own part of a call can be checked
 * without that service: it answers every call with what it received ({@code method}, {@code path},
 * {@code query}, the {@code X-Ppl-*} headers, the JSON {@code body}); {@code POST /internal/backends}
 * with 201, {@code DELETE} with 204, {@code GET .../versions} with a bare array of that echo. A path
 * segment ending in {@code problem-<status>} makes it refuse with that status and a problem naming
 * {@code operations[1].value}, to check that refusals pass through unchanged. Kafka and PostgreSQL stay
 * the real ones ({@code PlatformTestResource}).
 */
public class EchoOperationsService implements QuarkusTestResourceLifecycleManager {
    private static final Pattern PROBLEM = Pattern.compile("problem-(\\d{3})");

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", EchoOperationsService::answer);
        server.start();
        return Map.of("ppl.gateway.operations-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        server.stop(0);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            byte[] raw = exchange.getRequestBody().readAllBytes();
            Matcher problem = PROBLEM.matcher(path);
            if (problem.find()) {
                int status = Integer.parseInt(problem.group(1));
                ObjectNode body = JsonCodec.mapper().createObjectNode().put("type", "about:blank").put("title", "Refused")
                        .put("status", status).put("detail", "refused by the stand-in operations-service")
                        .put("instance", path).put("field", "operations[1].value").put("expected", "a Double literal");
                send(exchange, status, "application/problem+json", body);
                return;
            }
            if (method.equals("DELETE")) {
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            ObjectNode echo = JsonCodec.mapper().createObjectNode().put("method", method).put("path", path)
                    .put("query", exchange.getRequestURI().getRawQuery());
            ObjectNode headers = echo.putObject("headers");
            for (String name : new String[] { "X-Ppl-Workspace", "X-Ppl-Actor", "X-Ppl-Surface" }) {
                headers.put(name.toLowerCase(), exchange.getRequestHeaders().getFirst(name));
            }
            JsonNode body = raw.length == 0 ? null : JsonCodec.mapper().readTree(new String(raw, StandardCharsets.UTF_8));
            echo.set("body", body);
            int status = method.equals("POST") && path.equals("/internal/backends") ? 201 : 200;
            if (method.equals("GET") && path.endsWith("/versions")) {
                send(exchange, status, "application/json", JsonCodec.mapper().createArrayNode().add(echo));
            } else {
                send(exchange, status, "application/json", echo);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, JsonNode body) throws IOException {
        byte[] bytes = JsonCodec.mapper().writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
