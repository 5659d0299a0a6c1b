package dev.ppl.gateway.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.ppl.contracts.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stands in for the deploy-service's {@code GET /internal/deployments/{id}}: every deployment has the same four
 * harness vertices, as the deploy-service routes them from the built-in components' declared port types.
 * Vertex 1 ({@code Input Image HTTP}, output type {@code Image}) writes {@link #imageTopic} which vertex 2
 * ({@code Output Image HTTP}) reads; vertex 3 ({@code Input JSON HTTP}, {@code t}) writes {@link #jsonTopic}
 * which vertex 4 ({@code Output JSON HTTP}) reads. An output file {@code .../outputs/<vertex>/<n>.bin} is {@code n}
 * bytes, sent chunked; every request is counted ({@link #requests}).
 */
public class StandInDeployService implements QuarkusTestResourceLifecycleManager {
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private HttpServer server;

    /** How many requests the stand-in has answered so far. */
    public static int requests() {
        return REQUESTS.get();
    }

    public static String imageTopic(String deploymentId) {
        return Topics.edgeTopic(deploymentId, "1", 0, "2", 0);
    }

    public static String jsonTopic(String deploymentId) {
        return Topics.edgeTopic(deploymentId, "3", 0, "4", 0);
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/internal/deployments/", StandInDeployService::deployment);
        server.start();
        return Map.of("ppl.gateway.deploy-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        server.stop(0);
    }

    private static void deployment(HttpExchange exchange) throws IOException {
        REQUESTS.incrementAndGet();
        try (exchange) {
            String id = exchange.getRequestURI().getPath().substring("/internal/deployments/".length());
            if (id.contains("/outputs/")) {
                output(exchange, id.substring(id.lastIndexOf('/') + 1));
                return;
            }
            String image = imageTopic(id);
            String json = jsonTopic(id);
            byte[] body = ("""
                    {"deployment_id": "%s", "status": "running", "vertices": [
                      {"vertex_id": "1", "harness": "input", "inputs": [], "outputs": [{"index": 0, "type": "Image", "topics": ["%s"]}]},
                      {"vertex_id": "2", "harness": "output", "inputs": [{"index": 0, "type": "Image", "topic": "%s"}], "outputs": []},
                      {"vertex_id": "3", "harness": "input", "inputs": [], "outputs": [{"index": 0, "type": "t", "topics": ["%s"]}]},
                      {"vertex_id": "4", "harness": "output", "inputs": [{"index": 0, "type": "t", "topic": "%s"}], "outputs": []}
                    ]}"""
                    .formatted(id, image, image, json, json)).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static void output(HttpExchange exchange, String key) throws IOException {
        long size = Long.parseLong(key.replace(".bin", ""));
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, 0);
        byte[] chunk = new byte[64 * 1024];
        for (long sent = 0; sent < size; sent += chunk.length) {
            exchange.getResponseBody().write(chunk, 0, (int) Math.min(chunk.length, size - sent));
        }
    }
}
