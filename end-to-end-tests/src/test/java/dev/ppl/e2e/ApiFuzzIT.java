package dev.ppl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ppl.contracts.codec.JsonCodec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes the public API of the real local platform with jqwik generators: operation and patch bodies, backend and
 * lease bodies, component publish bodies and live-test manifests, built from valid shapes with fields replaced,
 * dropped or added (wrong types, odd and huge strings, deep nesting, foreign and malformed ids), and sometimes
 * mangled as text. For every request: no 5xx, every 4xx is {@code application/problem+json}, nothing takes longer
 * than {@link #BOUND}; afterwards an ordinary edit and {@code GET /v1/runtimes} still work.
 *
 * <p>
 * A seeded loop over the generators rather than a jqwik {@code @Property}: the number of tries and the seed come
 * from the command line ({@code -Dppl.fuzz.tries}, {@code -Dppl.fuzz.seed}; bin/fuzz-api), and a campaign reports
 * every failing request and the count of each status instead of stopping at, and shrinking, the first. It runs as a
 * jqwik {@code @Example}, since jqwik's generators work on jqwik's threads only; one platform for the class is started
 * in {@code @BeforeContainer}, jqwik's counterpart of a per-class {@code @BeforeAll}.
 */
class ApiFuzzIT {
    private static final Duration BOUND = Duration.ofSeconds(10);
    /** The gateway's limit of a JSON body (ppl.gateway.limits.json-body, default 1M: 1,048,576 bytes). */
    private static final int JSON_BODY_LIMIT = 1_048_576;
    /** A body larger than the socket buffers take at once, whose sender may still be writing when an answer comes. */
    private static final int EARLY_ANSWER_BYTES = 65_536;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> VERBS = List.of("add-vertex", "delete-vertex", "connect", "disconnect",
            "change-version", "change-parameter", "add-file", "add-constraint", "change-alias", "change-layout",
            "change-metadata", "change-endpoint-alias", "change-host-port-binding", "change-volume-mount",
            "change-service-config", "restore-vertex");
    private static final List<String> OPERATION_FIELDS = List.of("vertex_id", "version_id", "alias", "from_vertex",
            "from_output", "to_vertex", "to_input", "name", "value_type", "value", "slot", "file_id", "variable",
            "pinned_type", "layout", "key", "endpoint", "container_port", "host_port", "volume", "mount_path", "service");

    private static final LocalPlatformHarness platform = new LocalPlatformHarness();
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static String gateway;
    private static String token;
    private static String otherToken;
    private static String backend;
    private static String foreignBackend;
    private static String foreignLease;
    private static String input;
    private static String output;

    @BeforeContainer
    static void startThePlatformWithASecondWorkspace() {
        platform.up().assertExit(0);
        gateway = platform.config().get("gateway_url").asText();
        token = platform.config().get("token").asText();
        otherToken = platform.addWorkspace("other");
        input = latest("Input JSON HTTP");
        output = latest("Output JSON HTTP");
        backend = backendWithTwoVertices(token);
        foreignBackend = backendWithTwoVertices(otherToken);
        foreignLease = json(platform.post("/v1/leases", "{\"label\":\"theirs\"}", otherToken).body()).at("/data/lease_id")
                .asText();
    }

    @AfterContainer
    static void stopThePlatform() {
        platform.down().assertExit(0);
        platform.deleteHome();
    }

    @Example
    void noGeneratedRequestIsAnsweredWithA5xxOrHangsAndThePlatformStillServesAfterwards() {
        int tries = Integer.getInteger("ppl.fuzz.tries", 150);
        long seed = Long.getLong("ppl.fuzz.seed", new Random().nextLong());
        System.out.println("api fuzz: " + tries + " tries, seed " + seed + " (-Dppl.fuzz.seed=" + seed + " repeats them)");
        // A fixed generation size, so that a seed gives the same requests whatever the number of tries.
        RandomGenerator<Call> calls = calls().generator(1_000);
        Random random = new Random(seed);
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < tries; i++) {
            Call call = calls.next(random).value();
            Outcome outcome = call.webSocket() ? liveTest(call) : send(call);
            outcomes.merge(call.route() + " " + outcome.status(), 1, Integer::sum);
            if (outcome.failure() != null) {
                failures.add("#" + i + " " + call.describe() + " -> " + outcome.failure());
            }
        }
        System.out.printf("api fuzz: %d requests in %d s, seed %d%n", tries, (System.nanoTime() - started) / 1_000_000_000,
                seed);
        outcomes.forEach((k, v) -> System.out.println("  " + k + ": " + v));
        failures.forEach(f -> System.out.println("  FAILED " + f));

        assertThat(failures).as("requests answered 5xx, without a problem, or past %s (seed %d)", BOUND, seed).isEmpty();
        String fresh = backendWithTwoVertices(otherToken);
        assertThat(platform.post("/v1/backends/" + fresh + "/operations",
                "{\"type\":\"connect\",\"from_vertex\":\"1\",\"from_output\":0,\"to_vertex\":\"2\",\"to_input\":0}", otherToken)
                .statusCode()).isEqualTo(200);
        assertThat(platform.get("/v1/runtimes").statusCode()).isEqualTo(200);
    }

    /** One generated request: a route, a body as bytes (maybe not JSON at all) and the token it goes with. */
    record Call(String route, String method, String path, String contentType, byte[] body, boolean foreignToken,
            boolean webSocket) {
        String describe() {
            String text = new String(body, StandardCharsets.UTF_8);
            return method + " " + (path.length() > 300 ? path.substring(0, 300) + "…" : path) + " (" + contentType + ", "
                    + body.length + " bytes) " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
        }
    }

    record Outcome(String status, String failure) {
    }

    private Outcome send(Call call) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + call.path())).timeout(BOUND)
                .header("Authorization", "Bearer " + (call.foreignToken() ? otherToken : token));
        if (call.method().equals("GET")) {
            request.GET();
        } else {
            request.header("Content-Type", call.contentType())
                    .method(call.method(), HttpRequest.BodyPublishers.ofByteArray(call.body()));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (status >= 500) {
                return new Outcome(String.valueOf(status), status + " " + excerpt(response.body()));
            }
            if (status >= 400 && !type.startsWith("application/problem+json")) {
                return new Outcome(String.valueOf(status), status + " as " + type + ": " + excerpt(response.body()));
            }
            return new Outcome(String.valueOf(status), null);
        } catch (HttpTimeoutException e) {
            return new Outcome("hang", "no answer within " + BOUND);
        } catch (IOException e) {
            // A body over the JSON limit is refused while it streams in, and a large one sent to no route (a path
            // like /v1/backends/%2e%2e/patch) is answered 404 before it is read; either way the gateway closes the
            // connection after its answer, and a client still sending may see the close before the answer (curl
            // shows the 413 or 404 problem in both cases).
            if (call.body().length > JSON_BODY_LIMIT) {
                return new Outcome("closed over the body limit", null);
            }
            if (call.body().length > EARLY_ANSWER_BYTES) {
                return new Outcome("closed before its large body was sent", null);
            }
            return new Outcome("io", "the connection failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A live test started on a lease opened for it: the stream must end with {@code failed} or {@code ready} (or
     * close) within the bound; a manifest the gateway cannot take is a {@code failed} event, not a broken stream.
     */
    private Outcome liveTest(Call call) {
        HttpResponse<String> opened = platform.post("/v1/leases", "{\"label\":\"fuzz\",\"ttl\":\"5m\"}");
        if (opened.statusCode() != 201) {
            return new Outcome("lease " + opened.statusCode(), "opening a lease: " + excerpt(opened.body()));
        }
        String lease = json(opened.body()).at("/data/lease_id").asText();
        CompletableFuture<String> terminal = new CompletableFuture<>();
        try {
            WebSocket socket = http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .connectTimeout(BOUND).buildAsync(URI.create(gateway.replaceFirst("^http", "ws") + "/v1/leases/" + lease
                            + "/live-test"), new Frames(terminal))
                    .get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            socket.sendText(new String(call.body(), StandardCharsets.UTF_8), true);
            String end = terminal.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            socket.abort();
            if (!end.startsWith("closed") || end.equals("closed 1000")) {
                return new Outcome(end, null);
            }
            // A known gap, reported apart: a message over the server's WebSocket frame limit (64 KiB) is cut off with
            // an unhandled-error close instead of a failed event naming the limit.
            if (call.body().length > 65_536) {
                return new Outcome(end + " over 64 KiB", null);
            }
            return new Outcome(end, "the live-test stream closed with " + end + " and no final event");
        } catch (TimeoutException e) {
            return new Outcome("hang", "no end of the live-test stream within " + BOUND);
        } catch (ExecutionException e) {
            return new Outcome("io", "the live-test stream failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            platform.post("/v1/leases/" + lease + "/rollback", "{}");
        }
    }

    /** Completes with how the live-test stream ended: its final event's type and stage, or the close. */
    private static final class Frames implements WebSocket.Listener {
        private final CompletableFuture<String> terminal;
        private final StringBuilder frame = new StringBuilder();

        Frames(CompletableFuture<String> terminal) {
            this.terminal = terminal;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            frame.append(data);
            if (last) {
                JsonNode event = json(frame.toString());
                frame.setLength(0);
                String type = event.path("type").asText();
                if (type.equals("failed")) {
                    terminal.complete("failed:" + event.path("stage").asText());
                } else if (type.equals("ready")) {
                    terminal.complete("ready");
                }
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            terminal.complete("closed " + status);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            terminal.completeExceptionally(error);
        }
    }

    private Arbitrary<Call> calls() {
        return Arbitraries.frequencyOf(Tuple.of(6, operationCalls()), Tuple.of(3, patchCalls()), Tuple.of(2, backendCalls()),
                Tuple.of(2, leaseCalls()), Tuple.of(3, publishCalls()), Tuple.of(2, liveTestCalls()), Tuple.of(2, listCalls()));
    }

    private Arbitrary<Call> operationCalls() {
        return Combinators.combine(backendIds(), operations(), mangling(), Arbitraries.of(false, false, false, true))
                .as((id, operation, mangle, foreign) -> post("operation", "/v1/backends/" + id + "/operations",
                        mangle.apply(operation), foreign));
    }

    private Arbitrary<Call> patchCalls() {
        Arbitrary<JsonNode> bodies = Combinators.combine(operations().list().ofMaxSize(6),
                Arbitraries.integers().between(0, 4)).as((operations, dryRun) -> {
                    ObjectNode body = NODES.objectNode();
                    body.set("operations", NODES.arrayNode().addAll(operations));
                    // Mostly a dry run, so that most patches check everything and leave the backend small.
                    if (dryRun < 4) {
                        body.put("dry_run", dryRun < 3);
                    }
                    return body;
                });
        return Combinators.combine(backendIds(), mutated(bodies), mangling())
                .as((id, body, mangle) -> post("patch", "/v1/backends/" + id + "/patch", mangle.apply(body), false));
    }

    private Arbitrary<Call> backendCalls() {
        Arbitrary<JsonNode> bodies = Arbitraries.of(obj("name", text("fuzzed")), obj("name", text("fork"), "source_backend_id",
                text("SOURCE")), obj("name", text("leased"), "lease_id", text("LEASE")), NODES.objectNode());
        return Combinators.combine(mutated(bodies), backendIds(), leaseIds(), mangling()).as((body, source, lease,
                mangle) -> post("backend", "/v1/backends", mangle.apply(substitute(body, source, lease)), false));
    }

    private Arbitrary<Call> leaseCalls() {
        Arbitrary<JsonNode> opens = Arbitraries.of(obj("ttl", text("10m"), "label", text("fuzz")), obj("runtime",
                text("local"), "cleanup_policy", text("retain_all"), "ttl", text("1h")), NODES.objectNode());
        Arbitrary<JsonNode> bulk = Arbitraries.of(obj("older_than", text("24h"), "dry_run", NODES.booleanNode(true)),
                obj("label_prefix", text("fuzz"), "dry_run", NODES.booleanNode(true)), obj("status", text("rolled_back"),
                        "older_than", text("7d"), "dry_run", NODES.booleanNode(true)));
        return Arbitraries.oneOf(
                Combinators.combine(mutated(opens), mangling()).as((body, mangle) -> post("lease", "/v1/leases",
                        mangle.apply(body), false)),
                Combinators.combine(mutated(bulk), Arbitraries.of("rollback-bulk", "delete-bulk"), mangling())
                        .as((body, route, mangle) -> post("lease " + route, "/v1/leases/" + route, mangle.apply(body),
                                false)));
    }

    private Arbitrary<Call> publishCalls() {
        Arbitrary<JsonNode> descriptors = Arbitraries.integers().between(0, 1_000_000).map(n -> {
            ObjectNode descriptor = obj("name", text("fuzz-" + n), "version", text("1.0." + n), "description",
                    text("generated"));
            descriptor.set("inputs", NODES.arrayNode().add(obj("name", text("in"), "type", text("String"))));
            descriptor.set("outputs", NODES.arrayNode().add(obj("name", text("out"), "type", text("[Int]"))));
            descriptor.set("config_schema", obj("p", obj("type", text("Double"), "default", text("0.5"))));
            descriptor.set("local", obj("command", NODES.arrayNode().add("true")));
            return descriptor;
        });
        Arbitrary<JsonNode> bodies = Combinators.combine(mutated(descriptors), Arbitraries.of(true, false))
                .as((descriptor, prerelease) -> obj("descriptor", descriptor, "prerelease", NODES.booleanNode(prerelease)));
        return Combinators.combine(mutated(bodies), mangling())
                .as((body, mangle) -> post("publish", "/v1/components/versions", mangle.apply(body), false));
    }

    private Arbitrary<Call> liveTestCalls() {
        Arbitrary<JsonNode> manifests = Arbitraries.just(0).map(n -> json("""
                {"release": {"auto": false},
                 "deploy": {"lease_ttl": "10m"},
                 "fixtures": [{"name": "hello", "file_id": "fl_doesnotexist"}],
                 "graph": {"vertices": {"in": {"harness": "Input JSON HTTP"},
                                        "cut": {"params": {"suffix": {"type": "String", "value": "\\"!\\""}}},
                                        "out": {"harness": "Output JSON HTTP"}},
                           "edges": [{"from": "in", "from_output": 0, "to": "cut", "to_input": 0},
                                     {"from": "cut", "from_output": 0, "to": "out", "to_input": 0}]},
                 "cases": [{"name": "c", "fixture": "hello", "input": "in", "output": "out", "expect": "HELLO"}]}
                """));
        Arbitrary<JsonNode> starts = Combinators.combine(mutated(manifests), versionIds())
                .as((manifest, version) -> obj("type", text("start"), "manifest", manifest, "cut_version_id", text(version)));
        return Combinators.combine(mutated(starts), mangling()).as((start, mangle) -> new Call("live-test", "WS",
                "/v1/leases/<new>/live-test", "text", mangle.apply(start), false, true));
    }

    private Arbitrary<Call> listCalls() {
        Arbitrary<String> numbers = Arbitraries.of("0", "1", "-1", "500", "501", "100000", "1e3", "abc", "",
                "99999999999999999999", "%00");
        return Arbitraries.oneOf(
                Combinators.combine(numbers, numbers, strings()).as((offset, limit, label) -> get("lease list",
                        "/v1/leases?offset=" + offset + "&limit=" + limit + "&label=" + encode(label))),
                Combinators.combine(backendIds(), numbers, numbers).as((id, offset, limit) -> get("operation list",
                        "/v1/backends/" + id + "/operations?offset=" + offset + "&limit=" + limit)),
                Combinators.combine(backendIds(), numbers).as((id, seq) -> get("backend", "/v1/backends/" + id
                        + "?at_seq=" + seq)));
    }

    /** An operation of a verb, with the fields of any verb, each a plausible value or any value at all. */
    private Arbitrary<JsonNode> operations() {
        Arbitrary<String> verbs = Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.of(VERBS)), Tuple.of(1, strings()));
        Arbitrary<Tuple.Tuple2<String, JsonNode>> fields = Combinators.combine(Arbitraries.of(OPERATION_FIELDS),
                Arbitraries.frequencyOf(Tuple.of(3, plausible()), Tuple.of(1, values()))).as(Tuple::of);
        return Combinators.combine(verbs, fields.list().ofMaxSize(6)).as((verb, chosen) -> {
            ObjectNode operation = obj("type", text(verb));
            chosen.forEach(field -> operation.set(field.get1(), field.get2()));
            return operation;
        });
    }

    /** Values an operation's fields could well have: ids, ports, pipelang types and literals. */
    private Arbitrary<JsonNode> plausible() {
        return Arbitraries.oneOf(Arbitraries.of("1", "2", "3", "0", "-1", "999999").map(ApiFuzzIT::text),
                Arbitraries.of(0, 1, -1, 65_535, Integer.MAX_VALUE).map(n -> (JsonNode) NODES.numberNode(n)),
                versionIds().map(ApiFuzzIT::text),
                Arbitraries.of("Int", "String", "Double", "[Int]", "{a: Int, b: [String]}", "T", "Tensor<Float>", "\"!\"",
                        "0.7", "[1, 2]", "/data", "weights", "in", "\"" + "[".repeat(40) + "\"").map(ApiFuzzIT::text),
                Arbitraries.integers().between(30, 70).map(d -> text("[".repeat(d) + "Int" + "]".repeat(d))),
                Arbitraries.just(obj("x", NODES.numberNode(1), "y", NODES.numberNode(2), "w", NODES.numberNode(3), "h",
                        NODES.numberNode(4))));
    }

    /** Any JSON value: odd scalars, and objects and arrays of them a few levels deep. */
    private Arbitrary<JsonNode> values() {
        Arbitrary<JsonNode> scalars = Arbitraries.oneOf(strings().map(ApiFuzzIT::text),
                Arbitraries.longs().map(n -> (JsonNode) NODES.numberNode(n)),
                Arbitraries.of(Double.MAX_VALUE, -0.0, 1e-300, 3.5).map(n -> (JsonNode) NODES.numberNode(n)),
                Arbitraries.of(NODES.booleanNode(true), NODES.booleanNode(false), NODES.nullNode()),
                Arbitraries.just(NODES.numberNode(new java.math.BigInteger("1" + "0".repeat(400)))));
        return Arbitraries.recursive(() -> scalars, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(3).map(items -> (JsonNode) NODES.arrayNode().addAll(items)),
                Combinators.combine(strings(), inner).as((k, v) -> (JsonNode) obj(k, v))), 0, 3);
    }

    /** Odd strings: any characters (control characters, NUL, lone surrogates), unicode, and very long ones. */
    private static Arbitrary<String> strings() {
        return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.strings().all().ofMaxLength(40)),
                Tuple.of(2, Arbitraries.of("", " ", "\u0000", "null", "../../etc/passwd", "ünïcødé ✓ 🦀", "\u202e\ufeff",
                        "' OR 1=1 --", "${jndi:x}", "%s%n", "\r\n\r\n")),
                Tuple.of(1, Arbitraries.of(65_535, 65_537, 200_000, 900_000).map(n -> "x".repeat(n))),
                Tuple.of(1, Arbitraries.of(65_536 / 3 + 1, 100_000).map(n -> "é".repeat(n))));
    }

    /** Ours, another workspace's, and malformed ones; none makes the request line pass the server's 4096 bytes. */
    private Arbitrary<String> backendIds() {
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(backend)), Tuple.of(1, Arbitraries.just(foreignBackend)),
                Tuple.of(1, Arbitraries.of("bk_doesnotexist", "bk_", "x", "%2e%2e", "bk_" + "a".repeat(1_000), "%00",
                        "%F0%9F%A6%80")));
    }

    private Arbitrary<String> leaseIds() {
        return Arbitraries.of(foreignLease, "ls_doesnotexist", "", "%00");
    }

    private Arbitrary<String> versionIds() {
        return Arbitraries.of(input, output, "cv_doesnotexist", "cv_", "");
    }

    /**
     * A shape with a few of its members (at any depth) replaced by any value, dropped, or joined by an unknown
     * member.
     */
    private Arbitrary<JsonNode> mutated(Arbitrary<JsonNode> shapes) {
        Arbitrary<Tuple.Tuple3<Integer, Integer, JsonNode>> mutations = Combinators.combine(
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 1_000),
                Arbitraries.frequencyOf(Tuple.of(2, values()), Tuple.of(1, plausible()))).as(Tuple::of);
        return Combinators.combine(shapes, mutations.list().ofMaxSize(3)).as((shape, changes) -> {
            JsonNode copy = shape.deepCopy();
            for (Tuple.Tuple3<Integer, Integer, JsonNode> change : changes) {
                List<ObjectNode> objects = new ArrayList<>();
                collectObjects(copy, objects);
                if (objects.isEmpty()) {
                    break;
                }
                ObjectNode target = objects.get(change.get2() % objects.size());
                List<String> names = new ArrayList<>();
                target.fieldNames().forEachRemaining(names::add);
                // A copy of the value: generated values can be shared instances, which a later change must not alter
                // (nor set into themselves).
                switch (names.isEmpty() ? 2 : change.get1()) {
                    case 0 -> target.set(names.get(change.get2() % names.size()), change.get3().deepCopy());
                    case 1 -> target.remove(names.get(change.get2() % names.size()));
                    default -> target.set("unknown_" + change.get2(), change.get3().deepCopy());
                }
            }
            return copy;
        });
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> into) {
        if (node instanceof ObjectNode object) {
            into.add(object);
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext();) {
            collectObjects(it.next(), into);
        }
    }

    /** What is sent instead of the body's JSON, now and then: deep nesting, cut text, not JSON, a huge body. */
    private static Arbitrary<java.util.function.Function<JsonNode, byte[]>> mangling() {
        return Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just(ApiFuzzIT::bytes)),
                Tuple.of(1, Arbitraries.of(63, 64, 65, 1_000, 10_000).map(depth -> body -> {
                    ObjectNode wrapped = (ObjectNode) (body.isObject() ? body.deepCopy() : NODES.objectNode());
                    String text = new String(bytes(wrapped), StandardCharsets.UTF_8);
                    String nested = "{\"deep\":" + "[".repeat(depth) + "]".repeat(depth) + ","
                            + (text.length() > 2 ? text.substring(1) : "\"x\":1}");
                    return nested.getBytes(StandardCharsets.UTF_8);
                })),
                Tuple.of(1, Arbitraries.integers().between(1, 200).map(cut -> body -> {
                    byte[] whole = bytes(body);
                    return java.util.Arrays.copyOf(whole, Math.min(cut, whole.length));
                })),
                Tuple.of(1, Arbitraries.of("", "null", "[]", "42", "\"text\"", "{", "not json", "\u0000\u0001", "{\"a\":1}{}")
                        .map(text -> body -> text.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(1, Arbitraries.just(body -> ("{\"pad\":\"" + "p".repeat(1_100_000) + "\"}")
                        .getBytes(StandardCharsets.UTF_8))));
    }

    /** The body with the placeholders SOURCE and LEASE of its top-level members replaced by generated ids. */
    private static JsonNode substitute(JsonNode body, String backend, String lease) {
        if (body instanceof ObjectNode object) {
            for (Map.Entry<String, String> placeholder : Map.of("SOURCE", backend, "LEASE", lease).entrySet()) {
                List<String> names = new ArrayList<>();
                object.fields().forEachRemaining(f -> {
                    if (f.getValue().asText().equals(placeholder.getKey())) {
                        names.add(f.getKey());
                    }
                });
                names.forEach(name -> object.put(name, placeholder.getValue()));
            }
        }
        return body;
    }

    private static Call post(String route, String path, byte[] body, boolean foreignToken) {
        return new Call(route, "POST", path, "application/json", body, foreignToken, false);
    }

    private static Call get(String route, String path) {
        return new Call(route, "GET", path, "", new byte[0], false, false);
    }

    /**
     * A query parameter, cut so that the request line stays under the HTTP server's 4096 bytes: past them Vert.x
     * answers 414 in plain text before any of the platform's code runs (a known gap, not fuzzed again and again).
     */
    private static String encode(String text) {
        return java.net.URLEncoder.encode(text.length() > 200 ? text.substring(0, 200) : text, StandardCharsets.UTF_8);
    }

    private static ObjectNode obj(Object... keysAndValues) {
        ObjectNode node = NODES.objectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.set((String) keysAndValues[i], (JsonNode) keysAndValues[i + 1]);
        }
        return node;
    }

    private static JsonNode text(String value) {
        return NODES.textNode(value);
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JsonCodec.mapper().writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JsonCodec.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String excerpt(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }

    private static String latest(String name) {
        HttpResponse<String> found = platform.get("/v1/components?query=" + encode(name));
        for (JsonNode item : json(found.body()).get("items")) {
            if (item.get("name").asText().equals(name)) {
                return item.get("latest_version_id").asText();
            }
        }
        throw new AssertionError("no component " + name + ": " + found.body());
    }

    /** A backend of the token's workspace with a JSON input as vertex 1 and a JSON output as vertex 2. */
    private static String backendWithTwoVertices(String as) {
        HttpResponse<String> created = platform.post("/v1/backends", "{\"name\":\"fuzz\"}", as);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json(created.body()).at("/data/backend_id").asText();
        for (String version : List.of(input, output)) {
            HttpResponse<String> added = platform.post("/v1/backends/" + id + "/operations",
                    "{\"type\":\"add-vertex\",\"version_id\":\"" + version + "\"}", as);
            assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        }
        return id;
    }
}
