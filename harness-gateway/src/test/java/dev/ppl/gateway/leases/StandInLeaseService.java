package dev.ppl.gateway.leases;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.ppl.contracts.codec.JsonCodec;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stands in for the lease-service's {@code /internal/leases} API, so the gateway's lease routes and its lease
 * checks can be tested while the real service is being written. Its leases live in a map the tests fill over
 * HTTP ({@link #putLease}), because a test resource and a {@code @QuarkusTest} need not share a class loader;
 * every internal call it answers is recorded for {@link #received}. It refuses as the lease-service does:
 * 404 for an unknown lease, 409 naming {@code state} for a delete of an open lease or a promote on a closed
 * one, 400 naming {@code filter} for an empty bulk body and naming {@code until} for a bad {@code until}.
 * The wait stream is three NDJSON lines ({@code waiting}, {@code deployment}, then the {@code until} target as
 * the final event); a lease put with {@code hold_wait} holds the stream after the first line until
 * {@link #release}.
 */
public class StandInLeaseService implements QuarkusTestResourceLifecycleManager {
    private static final Pattern LEASE = Pattern.compile("/internal/leases/([^/]+)(/[a-z-]+)?");
    private static final Pattern CONTROL = Pattern.compile("/stand-in/leases/([^/]+)(/release|/outputs)?");

    private final Map<String, ObjectNode> leases = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> outputs = new ConcurrentHashMap<>();
    private final List<JsonNode> calls = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private ExecutorService threads;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // A held wait stream occupies its thread until the test releases it through another request.
        threads = Executors.newCachedThreadPool();
        server.setExecutor(threads);
        server.createContext("/internal/", this::internal);
        server.createContext("/stand-in/", this::control);
        server.start();
        return Map.of("ppl.gateway.lease-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        holds.values().forEach(CountDownLatch::countDown);
        server.stop(0);
        threads.shutdownNow();
    }

    // ---- what the tests call, given the stand-in's URL (the gateway's ppl.gateway.lease-url)

    /** Puts a lease in the given state; {@code holdWait} holds its wait stream after the first line. */
    public static void putLease(String url, String leaseId, String state, boolean holdWait) {
        given().baseUri(url).contentType("application/json")
                .body(Map.of("state", state, "hold_wait", holdWait)).put("/stand-in/leases/" + leaseId).then()
                .statusCode(204);
    }

    /** Lets a held wait stream go on past its first line. */
    public static void release(String url, String leaseId) {
        given().baseUri(url).post("/stand-in/leases/" + leaseId + "/release").then().statusCode(204);
    }

    /** The output files the lease's live test declared, as the lease-service lists them: {@code [{name, vertex, ...}]}. */
    public static void putOutputs(String url, String leaseId, List<Map<String, String>> items) {
        given().baseUri(url).contentType("application/json").body(items).put("/stand-in/leases/" + leaseId + "/outputs")
                .then().statusCode(204);
    }

    /** Every internal call so far, oldest first: {@code {method, path, query, body, headers}}. */
    public static List<JsonNode> received(String url) {
        List<JsonNode> all = new ArrayList<>();
        try {
            JsonCodec.mapper().readTree(given().baseUri(url).get("/stand-in/received").asString()).forEach(all::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    /** The last internal call. */
    public static JsonNode last(String url) {
        List<JsonNode> all = received(url);
        if (all.isEmpty()) {
            throw new AssertionError("the stand-in lease-service received no call");
        }
        return all.get(all.size() - 1);
    }

    // ---- the control routes

    private void control(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals("/stand-in/received")) {
                ArrayNode all = JsonCodec.mapper().createArrayNode();
                calls.forEach(all::add);
                send(exchange, 200, "application/json", all);
                return;
            }
            Matcher m = CONTROL.matcher(path);
            if (!m.matches()) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String id = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
            if ("/outputs".equals(m.group(2))) {
                outputs.put(id, JsonCodec.mapper().readTree(exchange.getRequestBody()));
            } else if (m.group(2) != null) {
                holds.getOrDefault(id, new CountDownLatch(0)).countDown();
            } else {
                JsonNode spec = JsonCodec.mapper().readTree(exchange.getRequestBody());
                leases.put(id, lease(id, spec.path("state").asText("open")));
                if (spec.path("hold_wait").asBoolean()) {
                    holds.put(id, new CountDownLatch(1));
                }
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    // ---- the lease-service's routes

    private void internal(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode body = raw.length == 0 ? null : JsonCodec.mapper().readTree(raw);
            ObjectNode call = JsonCodec.mapper().createObjectNode().put("method", method).put("path", path)
                    .put("query", query);
            call.set("body", body);
            ObjectNode headers = call.putObject("headers");
            for (String name : new String[] { "X-Ppl-Workspace", "X-Ppl-Actor", "X-Ppl-Surface", "Accept" }) {
                headers.put(name.toLowerCase(), exchange.getRequestHeaders().getFirst(name));
            }
            calls.add(call);

            if (path.equals("/internal/leases") && method.equals("GET")) {
                ArrayNode items = JsonCodec.mapper().createArrayNode();
                leases.values().forEach(items::add);
                ObjectNode list = JsonCodec.mapper().createObjectNode().put("count", items.size());
                list.set("items", items);
                send(exchange, 200, "application/json", list);
                return;
            }
            if (path.equals("/internal/leases/rollback-bulk") || path.equals("/internal/leases/delete-bulk")) {
                bulk(exchange, path, body);
                return;
            }
            Matcher m = LEASE.matcher(path);
            if (!m.matches()) {
                problem(exchange, 404, "no such route " + method + " " + path, null);
                return;
            }
            String id = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
            String action = m.group(2) == null ? "" : m.group(2);
            ObjectNode lease = leases.get(id);
            if (lease == null) {
                problem(exchange, 404, "lease '" + id + "' does not exist in this workspace", null);
                return;
            }
            boolean open = lease.path("state").asText().equals("open");
            switch (method + " " + action) {
                case "GET " -> send(exchange, 200, "application/json", lease);
                case "DELETE " -> {
                    if (open) {
                        problem(exchange, 409, "lease '" + id + "' is open; roll it back or commit it first", "state");
                    } else {
                        leases.remove(id);
                        exchange.sendResponseHeaders(204, -1);
                    }
                }
                case "POST /promote" -> {
                    if (!open) {
                        problem(exchange, 409, "lease '" + id + "' is closed", "state");
                        return;
                    }
                    ((ArrayNode) lease.get("resources")).addObject().put("kind", body.path("kind").asText())
                            .put("id", body.path("id").asText()).put("owner", "gateway").put("promoted", true);
                    send(exchange, 200, "application/json", lease);
                }
                case "GET /debug" -> {
                    ObjectNode bundle = JsonCodec.mapper().createObjectNode();
                    bundle.set("lease", lease);
                    bundle.putNull("backend");
                    bundle.putNull("deployment");
                    bundle.putNull("result");
                    bundle.putArray("errors").add("no backend: the stand-in has none");
                    send(exchange, 200, "application/json", bundle);
                }
                case "PUT /result" -> {
                    lease.put("result_status", body.path("status").asText());
                    lease.set("result", body.path("result"));
                    send(exchange, 200, "application/json", lease);
                }
                case "GET /wait" -> waitStream(exchange, id, query == null ? "" : query);
                case "GET /outputs" -> {
                    ObjectNode list = JsonCodec.mapper().createObjectNode();
                    list.set("items", outputs.getOrDefault(id, JsonCodec.mapper().createArrayNode()));
                    send(exchange, 200, "application/json", list);
                }
                default -> problem(exchange, 404, "no such route " + method + " " + path, null);
            }
        }
    }

    private void bulk(HttpExchange exchange, String path, JsonNode body) throws IOException {
        if (body == null || body.isEmpty()) {
            problem(exchange, 400, "give at least one filter", "filter");
            return;
        }
        boolean rollback = path.endsWith("rollback-bulk");
        ArrayNode items = JsonCodec.mapper().createArrayNode();
        leases.values().stream().filter(l -> l.path("state").asText().equals("open") == rollback).forEach(items::add);
        ObjectNode answer = JsonCodec.mapper().createObjectNode().put("dry_run", body.path("dry_run").asBoolean())
                .put("count", items.size());
        answer.set("items", items);
        send(exchange, 200, "application/json", answer);
    }

    private void waitStream(HttpExchange exchange, String id, String query) throws IOException {
        String until = "stable";
        for (String pair : query.split("&")) {
            if (pair.startsWith("until=")) {
                until = URLDecoder.decode(pair.substring("until=".length()), StandardCharsets.UTF_8);
            }
        }
        if (!until.equals("started") && !until.equals("stable")) {
            problem(exchange, 400, "until: expected started or stable, was '" + until + "'", "until");
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        line(out, JsonCodec.mapper().createObjectNode().put("type", "waiting").put("lease_id", id).put("until", until)
                .putNull("max_crashes").put("timeout_ms", 900_000));
        CountDownLatch hold = holds.get(id);
        try {
            if (hold != null && !hold.await(30, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        line(out, JsonCodec.mapper().createObjectNode().put("type", "deployment").put("deployment_id", "dp_standin")
                .put("status", "running").put("message", ""));
        line(out, JsonCodec.mapper().createObjectNode().put("type", until).put("deployment_id", "dp_standin"));
    }

    private static void line(OutputStream out, JsonNode event) throws IOException {
        out.write(JsonCodec.mapper().writeValueAsBytes(event));
        out.write('\n');
        out.flush();
    }

    private static ObjectNode lease(String id, String state) {
        ObjectNode lease = JsonCodec.mapper().createObjectNode().put("lease_id", id).put("workspace_id", "ws_standin")
                .put("runtime", "local").put("label", "stand-in").put("state", state).put("ttl_seconds", 1800)
                .put("cleanup_policy", "delete_ephemeral_resources");
        lease.putNull("result_status");
        lease.putArray("resources");
        lease.putArray("released_by");
        return lease;
    }

    private static void problem(HttpExchange exchange, int status, String detail, String field) throws IOException {
        ObjectNode problem = JsonCodec.mapper().createObjectNode().put("type", "about:blank")
                .put("title", status == 404 ? "Not found" : status == 409 ? "Conflict" : "Invalid input")
                .put("status", status).put("detail", detail).put("instance", exchange.getRequestURI().getRawPath());
        if (field != null) {
            problem.put("field", field);
        }
        send(exchange, status, "application/problem+json", problem);
    }

    private static void send(HttpExchange exchange, int status, String type, JsonNode body) throws IOException {
        byte[] bytes = JsonCodec.mapper().writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
