package dev.ppl.operations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ppl.contracts.Ids;
import dev.ppl.contracts.backend.BackendEvent;
import dev.ppl.contracts.backend.OperationRecorded;
import dev.ppl.contracts.backend.RestoreVertex;
import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.local.testing.PlatformTestResource;
import dev.ppl.operations.graph.BackendState;
import dev.ppl.operations.graph.GraphDocument;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Every verb of the vocabulary, and history (undo, compact, patch, fork, replay), on a real Kafka log and PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class BackendVocabularyTest {
    private final String workspace = Ids.next(Ids.WORKSPACE);
    private final String tag = Ids.next("c").substring(2, 10);

    /** A generic pass-through with every kind of binding the vocabulary can change. */
    private String generic(String version) {
        return generic(version, Map.of());
    }

    /** Another version of the same generic component, with some of its declarations replaced. */
    private String generic(String version, Map<String, Object> replaced) {
        Map<String, Object> descriptor = new LinkedHashMap<>(Map.of("name", "gen-" + tag, "version", version, "inputs",
                List.of(port("in", "t")), "outputs", List.of(port("out", "t")), "config_schema",
                Map.of("threshold", Map.of("type", "Double"), "label", Map.of("type", "String"), "tags",
                        Map.of("type", "[String]"), "token", Map.of("type", "String", "secret", true)),
                "file_schema", Map.of("weights", Map.of("types", List.of("onnx"))), "endpoints",
                List.of(Map.of("name", "preview", "kind", "websocket")), "depends_on",
                List.of(Map.of("name", "triton", "config", Map.of("model", "a"))), "local",
                Map.of("command", List.of("true"))));
        descriptor.putAll(replaced);
        return publish(descriptor);
    }

    private String typed(String name, String type) {
        return publish(Map.of("name", name + "-" + tag, "version", "1.0.0", "inputs", List.of(port("in", type)), "outputs",
                List.of(port("out", type)), "local", Map.of("command", List.of("true"))));
    }

    @Test
    void everyVerbIsAcceptedAndRecordedWithTheInverseThatUndoesIt() {
        String gen1 = generic("1.0.0");
        String gen2 = generic("2.0.0");
        String ints = typed("ints", "Int");
        String b = createBackend(null);
        String g = vertexId(op(b, Map.of("type", "add-vertex", "version_id", gen1, "alias", "cut")));
        String i = vertexId(op(b, Map.of("type", "add-vertex", "version_id", ints)));
        String j = vertexId(op(b, Map.of("type", "add-vertex", "version_id", ints)));

        inverse(op(b, connect(i, g)), "disconnect");
        inverse(op(b, connect(g, j)), "disconnect");
        inverse(op(b, Map.of("type", "disconnect", "to_vertex", j, "to_input", 0)), "connect");
        inverse(op(b, connect(g, j)), "disconnect");
        inverse(op(b, Map.of("type", "change-version", "vertex_id", g, "version_id", gen2)), "change-version")
                .body("event.inverse[0].version_id", equalTo(gen1));
        inverse(op(b, param(g, "threshold", "Double", "0.7")), "change-parameter").body("event.inverse[0].value", nullValue());
        inverse(op(b, param(g, "tags", "[String]", "[\"a\", \"b\"]")), "change-parameter");
        inverse(op(b, param(g, "token", "SecretRef", "\"hf_token\"")), "change-parameter");
        inverse(op(b, Map.of("type", "add-file", "vertex_id", g, "slot", "weights", "file_id", "fl_1", "file_type", "onnx")),
                "add-file");
        inverse(op(b, Map.of("type", "add-file", "vertex_id", g, "slot", "weights", "file_id", "")), "add-file")
                .body("event.inverse[0].file_id", equalTo("fl_1"));
        inverse(op(b, Map.of("type", "add-constraint", "vertex_id", g, "variable", "t", "pinned_type", "Int")),
                "add-constraint");
        inverse(op(b, Map.of("type", "change-alias", "vertex_id", g, "alias", "model")), "change-alias")
                .body("event.inverse[0].alias", equalTo("cut"));
        inverse(op(b, Map.of("type", "change-layout", "vertex_id", g, "layout", Map.of("x", 1, "y", 2, "w", 30, "h", 40))),
                "change-layout");
        inverse(op(b, Map.of("type", "change-metadata", "vertex_id", g, "key", "owner", "value", "ada")), "change-metadata");
        inverse(op(b, Map.of("type", "change-endpoint-alias", "vertex_id", g, "endpoint", "preview", "alias", "thumbs")),
                "change-endpoint-alias");
        inverse(op(b, Map.of("type", "change-host-port-binding", "vertex_id", g, "container_port", 8080, "host_port", 18000)),
                "change-host-port-binding");
        inverse(op(b, Map.of("type", "change-volume-mount", "vertex_id", g, "volume", "cache", "mount_path", "/cache")),
                "change-volume-mount");
        inverse(op(b, Map.of("type", "change-service-config", "vertex_id", g, "service", "triton", "key", "model", "value",
                "b")), "change-service-config");

        JsonNode graph = graph(b);
        JsonNode vertex = graph.path("vertices").get(0);
        assertThat(vertex.path("version_id").asText()).isEqualTo(gen2);
        assertThat(vertex.path("alias").asText()).isEqualTo("model");
        assertThat(vertex.path("params").path("threshold").path("value").asText()).isEqualTo("0.7");
        assertThat(vertex.path("params").path("token").path("value_type").asText()).isEqualTo("SecretRef");
        assertThat(vertex.path("files").isEmpty()).isTrue();
        assertThat(vertex.path("constraints").path("t").asText()).isEqualTo("Int");
        assertThat(vertex.path("layout").path("w").asDouble()).isEqualTo(30.0);
        assertThat(vertex.path("metadata").path("owner").asText()).isEqualTo("ada");
        assertThat(vertex.path("endpoint_aliases").path("preview").asText()).isEqualTo("thumbs");
        assertThat(vertex.path("host_ports").path("8080").asInt()).isEqualTo(18000);
        assertThat(vertex.path("volumes").path("cache").asText()).isEqualTo("/cache");
        assertThat(vertex.path("service_config").path("triton").path("model").asText()).isEqualTo("b");
        assertThat(graph.path("edges")).hasSize(2);

        op(b, Map.of("type", "delete-vertex", "vertex_id", g)).statusCode(200)
                .body("event.inverse[0].type", equalTo("restore-vertex")).body("event.inverse", hasSize(3));
        assertThat(graph(b).path("vertices")).hasSize(2);
        assertThat(graph(b).path("edges")).isEmpty();
    }

    @Test
    void refusedOperationsNameTheFieldAndLeaveTheLogUnchanged() {
        String gen1 = generic("1.0.0");
        String ints = typed("ints", "Int");
        String strings = typed("strings", "String");
        String b = createBackend(null);
        String g = vertexId(op(b, Map.of("type", "add-vertex", "version_id", gen1, "alias", "cut")));
        String i = vertexId(op(b, Map.of("type", "add-vertex", "version_id", ints)));
        String s = vertexId(op(b, Map.of("type", "add-vertex", "version_id", strings)));
        String i2 = vertexId(op(b, Map.of("type", "add-vertex", "version_id", ints)));
        op(b, connect(i, g)).statusCode(200);
        op(b, Map.of("type", "change-host-port-binding", "vertex_id", i, "container_port", 80, "host_port", 18080))
                .statusCode(200);
        long before = count(b);
        String graphBefore = graph(b).toString();

        refused(op(b, connect(i, s)), 400, "to_input");
        refused(op(b, connect(g, s)), 400, "to_input");
        refused(op(b, connect(i2, g)), 409, "to_input");
        refused(op(b, param(g, "threshold", "Double", "1")), 400, "value");
        refused(op(b, param(g, "threshold", "Int", "1")), 400, "value_type");
        refused(op(b, param(g, "tags", "[String]", "[1]")), 400, "value");
        refused(op(b, param(g, "token", "String", "\"plain secret\"")), 400, "value_type");
        refused(op(b, Map.of("type", "add-file", "vertex_id", g, "slot", "weights", "file_id", "fl_1", "file_type", "png")),
                400, "file_type");
        refused(op(b, Map.of("type", "add-file", "vertex_id", g, "slot", "bias", "file_id", "fl_1", "file_type", "onnx")), 400,
                "slot");
        refused(op(b, Map.of("type", "change-endpoint-alias", "vertex_id", g, "endpoint", "admin", "alias", "x")), 400,
                "endpoint");
        refused(op(b, Map.of("type", "change-service-config", "vertex_id", g, "service", "redis", "key", "k", "value", "v")),
                400, "service");
        refused(op(b, Map.of("type", "add-constraint", "vertex_id", g, "variable", "u", "pinned_type", "Int")), 400,
                "variable");
        refused(op(b, Map.of("type", "add-constraint", "vertex_id", g, "variable", "t", "pinned_type", "String")), 400,
                "pinned_type");
        refused(op(b, Map.of("type", "change-version", "vertex_id", g, "version_id", ints)), 400, "version_id");
        refused(op(b, Map.of("type", "add-vertex", "version_id", ints, "vertex_id", "7")), 400, "vertex_id");
        refused(op(b, Map.of("type", "change-alias", "vertex_id", i, "alias", "cut")), 409, "alias");
        refused(op(b, Map.of("type", "change-host-port-binding", "vertex_id", g, "container_port", 81, "host_port", 18080)),
                409, "host_port");
        refused(op(b, Map.of("type", "disconnect", "to_vertex", s, "to_input", 0)), 400, "to_input");
        refused(op(b, Map.of("type", "delete-vertex", "vertex_id", "99")), 400, "vertex_id");
        refused(op(b, Map.of("type", "change-volume-mount", "vertex_id", g, "volume", "v", "mount_path", "relative")), 400,
                null);

        assertThat(count(b)).isEqualTo(before);
        assertThat(graph(b).toString()).isEqualTo(graphBefore);
    }

    @Test
    void changeVersionIsRefusedNamingTheBindingTheNewVersionDoesNotFitAndKeepsEveryBindingOfACompatibleVersion() {
        String gen1 = generic("1.0.0");
        String ints = typed("ints", "Int");
        String b = createBackend(null);
        String g = vertexId(op(b, Map.of("type", "add-vertex", "version_id", gen1)));
        String i = vertexId(op(b, Map.of("type", "add-vertex", "version_id", ints)));
        op(b, connect(i, g)).statusCode(200);
        op(b, param(g, "threshold", "Double", "0.7")).statusCode(200);
        op(b, Map.of("type", "add-file", "vertex_id", g, "slot", "weights", "file_id", "fl_1", "file_type", "onnx"))
                .statusCode(200);
        op(b, Map.of("type", "change-endpoint-alias", "vertex_id", g, "endpoint", "preview", "alias", "thumbs"))
                .statusCode(200);
        op(b, Map.of("type", "change-service-config", "vertex_id", g, "service", "triton", "key", "model", "value", "b"))
                .statusCode(200);
        op(b, Map.of("type", "add-constraint", "vertex_id", g, "variable", "t", "pinned_type", "Int")).statusCode(200);
        long before = count(b);
        String graphBefore = graph(b).toString();

        // Each version breaks exactly one binding, so each refusal has to name that one.
        Map<String, String> misfits = new LinkedHashMap<>();
        misfits.put(generic("1.1.0", Map.of("config_schema", Map.of("threshold", Map.of("type", "Int")))),
                "binding params.threshold does not fit");
        misfits.put(generic("1.2.0", Map.of("file_schema", Map.of("weights", Map.of("types", List.of("pt"))))),
                "binding files.weights does not fit");
        misfits.put(generic("1.3.0", Map.of("endpoints", List.of(Map.of("name", "stream", "kind", "websocket")))),
                "binding endpoint_aliases.preview does not fit");
        misfits.put(generic("1.4.0", Map.of("depends_on", List.of(Map.of("name", "redis", "config", Map.of())))),
                "binding service_config.triton does not fit");
        misfits.put(generic("1.5.0", Map.of("inputs", List.of(port("in", "String")))), "edge " + i + ".0 -> " + g + ".0");
        misfits.put(generic("1.6.0", Map.of("inputs", List.of(port("in", "Int")), "outputs", List.of(port("out", "Int")))),
                "binding constraints.t does not fit");
        misfits.forEach((version, binding) -> {
            op(b, Map.of("type", "change-version", "vertex_id", g, "version_id", version)).statusCode(400)
                    .contentType("application/problem+json").body("field", equalTo("version_id"))
                    .body("detail", containsString(binding));
            assertThat(count(b)).as("log after refusing %s", binding).isEqualTo(before);
            assertThat(graph(b).toString()).as("graph after refusing %s", binding).isEqualTo(graphBefore);
        });

        String gen2 = generic("2.0.0", Map.of("config_schema", Map.of("threshold", Map.of("type", "Double"), "batch",
                Map.of("type", "Int"))));
        JsonNode was = graph(b);
        op(b, Map.of("type", "change-version", "vertex_id", g, "version_id", gen2)).statusCode(200);
        JsonNode now = graph(b);
        assertThat(now.path("vertices").get(0).path("version_id").asText()).isEqualTo(gen2);
        assertThat(bindings(now.path("vertices").get(0))).isEqualTo(bindings(was.path("vertices").get(0)));
        assertThat(now.path("edges")).isEqualTo(was.path("edges"));
    }

    @Test
    void aPatchWhoseSeventhOfTenOperationsIsInvalidLeavesTheBackendExactlyAsBeforeAndADryRunRecordsNothing() {
        String gen1 = generic("1.0.0");
        String b = createBackend(null);
        String g = vertexId(op(b, Map.of("type", "add-vertex", "version_id", gen1)));
        long before = count(b);
        String graphBefore = graph(b).toString();
        List<Map<String, Object>> ops = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            ops.add(k == 6 ? param(g, "threshold", "Double", "\"not a double\"")
                    : param(g, "label", "String", "\"v" + k + "\""));
        }

        given().header("X-Ppl-Workspace", workspace).contentType(ContentType.JSON).body(json(Map.of("operations", ops)))
                .post("/internal/backends/" + b + "/patch").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("operations[6].value"))
                .body("detail", org.hamcrest.Matchers.containsString("operation 7 of 10"));
        assertThat(count(b)).isEqualTo(before);
        assertThat(graph(b).toString()).isEqualTo(graphBefore);

        ops.set(6, param(g, "threshold", "Double", "0.5"));
        given().header("X-Ppl-Workspace", workspace).contentType(ContentType.JSON)
                .body(json(Map.of("operations", ops, "dry_run", true))).post("/internal/backends/" + b + "/patch").then()
                .statusCode(200).body("dry_run", equalTo(true)).body("graph.vertices[0].params.label.value", equalTo("\"v9\""));
        assertThat(count(b)).isEqualTo(before);
        assertThat(graph(b).toString()).isEqualTo(graphBefore);

        given().header("X-Ppl-Workspace", workspace).contentType(ContentType.JSON).body(json(Map.of("operations", ops)))
                .post("/internal/backends/" + b + "/patch").then().statusCode(200).body("applied", equalTo(10))
                .body("graph.vertices[0].params.threshold.value", equalTo("0.5"));
        assertThat(count(b)).isEqualTo(before + 10);
    }

    @Test
    void undoRestoresADeletedVertexWithItsEdgesAndBindingsAndForkStartsIdentical() {
        String gen1 = generic("1.0.0");
        String ints = typed("ints", "Int");
        String b = createBackend(null);
        String g = vertexId(op(b, Map.of("type", "add-vertex", "version_id", gen1, "alias", "cut")));
        String i = vertexId(op(b, Map.of("type", "add-vertex", "version_id", ints)));
        op(b, connect(i, g)).statusCode(200);
        op(b, param(g, "label", "String", "\"kept\"")).statusCode(200);
        JsonNode full = graph(b);
        op(b, Map.of("type", "delete-vertex", "vertex_id", g)).statusCode(200);

        given().header("X-Ppl-Workspace", workspace).contentType(ContentType.JSON).body("{\"count\": 1}")
                .post("/internal/backends/" + b + "/undo").then().statusCode(200).body("undone", equalTo(1));
        assertThat(withoutSeq(graph(b))).isEqualTo(withoutSeq(full));
        refused(given().header("X-Ppl-Workspace", workspace).contentType(ContentType.JSON).body("{\"count\": 99}")
                .post("/internal/backends/" + b + "/undo").then(), 400, "count");

        String fork = given().header("X-Ppl-Workspace", workspace).contentType(ContentType.JSON)
                .body(json(Map.of("name", "fork", "source_backend_id", b))).post("/internal/backends").then().statusCode(201)
                .extract().path("backend_id");
        JsonNode forked = graph(fork);
        assertThat(forked.path("vertices")).isEqualTo(graph(b).path("vertices"));
        assertThat(forked.path("edges")).isEqualTo(graph(b).path("edges"));
        assertThat(forked.path("source_backend_id").asText()).isEqualTo(b);
        op(fork, param(g, "label", "String", "\"diverged\"")).statusCode(200);
        assertThat(graph(b).path("vertices").get(0).path("params").path("label").path("value").asText()).isEqualTo("\"kept\"");
    }

    @Test
    void aRandomEditSessionReplaysToTheProjectionAtEverySequenceNumberAndCompactsToTheSameGraph() {
        String gen1 = generic("1.0.0");
        String ints = typed("ints", "Int");
        String b = createBackend(null);
        Random random = new Random(20261125);
        Map<Long, JsonNode> projected = new HashMap<>();
        Set<Long> midCommand = new HashSet<>();
        List<String> live = new ArrayList<>();
        int accepted = 0;
        int undosOfTwo = 0;
        for (int n = 0; n < 200; n++) {
            int pick = random.nextInt(10);
            ValidatableResponse r;
            int undoCount = 0;
            if (live.size() < 2 || pick < 2) {
                r = op(b, Map.of("type", "add-vertex", "version_id", random.nextBoolean() ? gen1 : ints));
            } else if (pick < 5) {
                r = op(b, connect(live.get(random.nextInt(live.size())), live.get(random.nextInt(live.size()))));
            } else if (pick < 7) {
                r = op(b, param(live.get(random.nextInt(live.size())), "threshold", "Double", random.nextInt(100) + ".5"));
            } else if (pick < 8) {
                r = op(b, Map.of("type", "delete-vertex", "vertex_id", live.get(random.nextInt(live.size()))));
            } else {
                undoCount = 1 + random.nextInt(2);
                r = undo(b, undoCount);
            }
            int status = r.extract().statusCode();
            assertThat(status).as("operation %d", n).isIn(200, 400, 409);
            if (status == 200) {
                accepted++;
                if (undoCount > 0) {
                    undosOfTwo += undoCount == 2 ? 1 : 0;
                    // The graph is read once the whole undo is in, so the seqs before its last one have no
                    // projected graph to compare with: only the fold of the log can say what they should be.
                    long first = r.extract().<Integer> path("first_seq");
                    long lastOfUndo = r.extract().<Integer> path("last_seq");
                    LongStream.range(first, lastOfUndo).forEach(midCommand::add);
                }
                JsonNode now = graph(b);
                projected.put(now.path("seq").asLong(), now);
                live.clear();
                now.path("vertices").forEach(v -> live.add(v.path("vertex_id").asText()));
            }
        }
        assertThat(accepted).isGreaterThan(100);
        assertThat(undosOfTwo).isPositive();

        JsonNode last = graph(b);
        List<BackendEvent> log = OperationLogRecords.eventsOf(b, last.path("seq").asInt() + 1);
        assertThat(log).extracting(BackendEvent::seq).containsExactlyElementsOf(
                LongStream.rangeClosed(0, last.path("seq").asLong()).boxed().toList());
        assertThat(log).as("an undo of a deleted vertex with edges, which puts it back before its edges")
                .anyMatch(e -> midCommand.contains(e.seq()) && e instanceof OperationRecorded o
                        && o.operation() instanceof RestoreVertex);
        BackendState fold = new BackendState();
        for (BackendEvent event : log) {
            fold.apply(event);
            JsonNode replayed = given().header("X-Ppl-Workspace", workspace).queryParam("at_seq", event.seq())
                    .get("/internal/backends/" + b).then().statusCode(200).extract().as(JsonNode.class);
            assertThat(withoutCatalog(replayed)).as("graph at seq %d", event.seq()).isEqualTo(asServed(fold.document()));
            if (projected.containsKey(event.seq())) {
                assertThat(replayed).as("graph at seq %d", event.seq()).isEqualTo(projected.get(event.seq()));
            }
        }

        long operationsBefore = log.stream().filter(OperationRecorded.class::isInstance).count();
        int operationsAfter = given().header("X-Ppl-Workspace", workspace).post("/internal/backends/" + b + "/compact").then()
                .statusCode(200).body("operations_before", equalTo(log.size())).extract().path("operations_after");
        JsonNode compacted = graph(b);
        assertThat(compacted.path("vertices")).isEqualTo(last.path("vertices"));
        assertThat(compacted.path("edges")).isEqualTo(last.path("edges"));
        // Compaction drops the rows before it from the browsable log, so its length says nothing; the
        // compaction event carries the rewritten log, and that is what has to be shorter.
        JsonNode operations = given().header("X-Ppl-Workspace", workspace).get("/internal/backends/" + b + "/operations")
                .then().statusCode(200).body("count", equalTo(1)).body("items[0].type", equalTo("backend.log_compacted.v1"))
                .extract().as(JsonNode.class).path("items").get(0).path("operations");
        assertThat(operations).hasSize(operationsAfter)
                .hasSize(last.path("vertices").size() + last.path("edges").size());
        assertThat((long) operationsAfter).isLessThan(operationsBefore);
        refused(given().header("X-Ppl-Workspace", workspace).queryParam("at_seq", 3).get("/internal/backends/" + b).then(),
                410, "at_seq");
    }

    @Test
    void undoAfterCompactCannotReachBackPastTheCompaction() {
        String gen1 = generic("1.0.0");
        String b = createBackend(null);
        String g = vertexId(op(b, Map.of("type", "add-vertex", "version_id", gen1)));
        op(b, param(g, "label", "String", "\"first\"")).statusCode(200);
        op(b, param(g, "label", "String", "\"compacted\"")).statusCode(200);
        long base = given().header("X-Ppl-Workspace", workspace).post("/internal/backends/" + b + "/compact").then()
                .statusCode(200).extract().<Integer> path("seq");
        JsonNode compacted = graph(b);
        long before = count(b);

        undo(b, 1).statusCode(400).contentType("application/problem+json").body("field", equalTo("count"))
                .body("detail", containsString("0 operation(s) that can be undone since it was compacted at seq " + base));
        assertThat(count(b)).isEqualTo(before);
        assertThat(graph(b)).isEqualTo(compacted);

        op(b, param(g, "label", "String", "\"after\"")).statusCode(200);
        undo(b, 2).statusCode(400).contentType("application/problem+json").body("field", equalTo("count"))
                .body("detail", containsString("1 operation(s) that can be undone since it was compacted at seq " + base));
        assertThat(count(b)).isEqualTo(before + 1);
        undo(b, 1).statusCode(200);
        assertThat(graph(b).path("vertices")).isEqualTo(compacted.path("vertices"));
        JsonNode atBase = given().header("X-Ppl-Workspace", workspace).queryParam("at_seq", base).get("/internal/backends/" + b)
                .then().statusCode(200).extract().as(JsonNode.class);
        assertThat(atBase).isEqualTo(compacted);
    }

    /** A vertex as its bindings: everything but the version it runs. */
    private static JsonNode bindings(JsonNode vertex) {
        ObjectNode copy = vertex.deepCopy();
        copy.remove(List.of("version_id", "descriptor"));
        return copy;
    }

    /** A served graph without what the catalog adds to each vertex: what the fold of the log alone gives. */
    private static JsonNode withoutCatalog(JsonNode graph) {
        JsonNode copy = graph.deepCopy();
        copy.path("vertices").forEach(v -> ((ObjectNode) v).remove(List.of("component_name", "harness", "descriptor")));
        return copy;
    }

    /** A folded graph with the fields the REST answer leaves out removed. */
    private static JsonNode asServed(GraphDocument document) {
        // Through its text, as the answer arrives: a tree made from the record holds longs where a parsed one holds ints.
        ObjectNode tree;
        try {
            tree = (ObjectNode) JsonCodec.mapper().readTree(json(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        tree.remove(List.of("workspace_id", "deleted", "created_at"));
        return tree;
    }

    private ValidatableResponse undo(String backend, int count) {
        return given().header("X-Ppl-Workspace", workspace).contentType(ContentType.JSON).body("{\"count\": " + count + "}")
                .post("/internal/backends/" + backend + "/undo").then();
    }

    private static JsonNode withoutSeq(JsonNode graph) {
        var copy = graph.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove("seq");
        return copy;
    }

    private static Map<String, Object> port(String name, String type) {
        return Map.of("name", name, "type", type);
    }

    private static Map<String, Object> connect(String from, String to) {
        return Map.of("type", "connect", "from_vertex", from, "from_output", 0, "to_vertex", to, "to_input", 0);
    }

    private static Map<String, Object> param(String vertex, String name, String type, String value) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("type", "change-parameter");
        op.put("vertex_id", vertex);
        op.put("name", name);
        op.put("value_type", type);
        op.put("value", value);
        return op;
    }

    private static ValidatableResponse inverse(ValidatableResponse response, String type) {
        return response.statusCode(200).body("event.inverse[0].type", equalTo(type));
    }

    private static String vertexId(ValidatableResponse response) {
        return response.statusCode(200).extract().path("vertex_id");
    }

    private static void refused(ValidatableResponse response, int status, String field) {
        response.statusCode(status).contentType("application/problem+json");
        if (field != null) {
            response.body("field", equalTo(field));
        }
    }

    private String publish(Map<String, Object> descriptor) {
        return given().header("X-Ppl-Workspace", workspace).contentType(ContentType.JSON)
                .body(json(Map.of("descriptor", descriptor, "prerelease", false))).post("/internal/components/versions").then()
                .statusCode(201).extract().path("id");
    }

    private String createBackend(String lease) {
        return given().header("X-Ppl-Workspace", workspace).contentType(ContentType.JSON)
                .body(lease == null ? "{\"name\": \"b\"}" : "{\"name\": \"b\", \"lease_id\": \"" + lease + "\"}")
                .post("/internal/backends").then().statusCode(201).extract().path("backend_id");
    }

    private ValidatableResponse op(String backend, Map<String, Object> body) {
        return given().header("X-Ppl-Workspace", workspace).contentType(ContentType.JSON).body(json(body))
                .post("/internal/backends/" + backend + "/operations").then();
    }

    private JsonNode graph(String backend) {
        return given().header("X-Ppl-Workspace", workspace).get("/internal/backends/" + backend).then().statusCode(200)
                .extract().as(JsonNode.class);
    }

    private long count(String backend) {
        return given().header("X-Ppl-Workspace", workspace).get("/internal/backends/" + backend + "/operations").then()
                .statusCode(200).extract().jsonPath().getLong("count");
    }

    private static String json(Object value) {
        try {
            return JsonCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
