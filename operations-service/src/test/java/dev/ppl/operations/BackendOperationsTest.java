package dev.ppl.operations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import dev.ppl.contracts.Events;
import dev.ppl.contracts.Ids;
import dev.ppl.contracts.Topics;
import dev.ppl.contracts.backend.BackendDeleted;
import dev.ppl.contracts.backend.BackendEvent;
import dev.ppl.contracts.catalog.ComponentVersionDeleted;
import dev.ppl.contracts.lease.CleanupPolicy;
import dev.ppl.contracts.lease.LeaseResourcesReleased;
import dev.ppl.contracts.lease.LeaseRolledBack;
import dev.ppl.local.testing.PlatformTestResource;
import dev.ppl.local.testing.SharedInfrastructure;
import dev.ppl.local.testing.TopicReader;
import dev.ppl.operations.infra.PositionConflictException;
import dev.ppl.operations.projection.BackendProjector;
import dev.ppl.operations.projection.ProjectionStore;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** The catalog and backend operations on a real Kafka log and a real PostgreSQL projection. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class BackendOperationsTest {
    private static final String UPPERCASE = """
            {"descriptor": {"name": "upper-%s", "version": "0.1.0",
              "inputs": [{"name": "text", "type": "String"}], "outputs": [{"name": "upper", "type": "String"}],
              "config_schema": {"suffix": {"type": "String", "default": "\\"\\""}, "ratio": {"type": "Double"},
                "loud": {"type": "Bool"}, "repeat": {"type": "Int"}},
              "local": {"command": ["java", "-jar", "x.jar"]}},
             "prerelease": true, "lease_id": %s}""";
    private static final String NUMBERS = """
            {"descriptor": {"name": "numbers-%s", "version": "1.0.0", "inputs": [{"name": "n", "type": "Int"}],
              "outputs": [], "local": {"command": ["true"]}}, "prerelease": false}""";

    private final String workspace = Ids.next(Ids.WORKSPACE);

    @Inject
    BackendProjector projector;
    @Inject
    ProjectionStore store;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aLiveTestGraphIsBuiltOperationByOperationAndReadBack() {
        String upper = publish(UPPERCASE.formatted(suffix(), "null"));
        String in = latest("Input JSON HTTP");
        String out = latest("Output JSON HTTP");
        String backend = createBackend(null);

        String v1 = op(backend, "{\"type\": \"add-vertex\", \"version_id\": \"" + in + "\", \"alias\": \"in\"}").statusCode(200)
                .body("seq", equalTo(1)).extract().path("vertex_id");
        String v2 = op(backend, "{\"type\": \"add-vertex\", \"version_id\": \"" + upper + "\", \"alias\": \"cut\"}")
                .statusCode(200).extract().path("vertex_id");
        String v3 = op(backend, "{\"type\": \"add-vertex\", \"version_id\": \"" + out + "\", \"alias\": \"out\"}")
                .statusCode(200).extract().path("vertex_id");
        op(backend, connect(v1, v2)).statusCode(200).body("event.inverse[0].type", equalTo("disconnect"));
        op(backend, connect(v2, v3)).statusCode(200);
        op(backend, "{\"type\": \"change-parameter\", \"vertex_id\": \"" + v2
                + "\", \"name\": \"suffix\", \"value_type\": \"String\", \"value\": \"\\\"!\\\"\"}").statusCode(200)
                .body("seq", equalTo(6)).body("event.inverse[0].type", equalTo("change-parameter"));

        given().header("X-Ppl-Workspace", workspace).get("/internal/backends/" + backend).then().statusCode(200)
                .body("seq", equalTo(6)).body("vertices", hasSize(3)).body("vertices[1].alias", equalTo("cut"))
                .body("vertices[1].params.suffix.value", equalTo("\"!\"")).body("vertices[0].harness", equalTo("input"))
                .body("vertices[1].descriptor.local.command[0]", equalTo("java")).body("edges", hasSize(2))
                .body("vertices[0].descriptor.endpoints[0].kind", equalTo("http_post"))
                .body("vertices[2].descriptor.inputs[0].type", equalTo("t")).body("edges[0].from_vertex", equalTo(v1));

        List<BackendEvent> log = OperationLogRecords.eventsOf(backend, 7);
        assertThat(log).extracting(BackendEvent::seq).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        // Writes are accepted only once the projection has caught up, which readiness reports.
        given().get("/q/health/ready").then().statusCode(200).body("checks.name", hasItem("backend-projection"));
    }

    /**
     * A single operation answers once it is committed to the log, before the projector has written it. Here
     * the projector is held up (the backends table is locked against writes) while a write is acknowledged:
     * the read right after it must wait for the projection rather than answer the previous value.
     */
    @Test
    void aReadRightAfterAnAcknowledgedOperationSeesItEvenWhileTheProjectorLags() throws Exception {
        String upper = publish(UPPERCASE.formatted(suffix(), "null"));
        String backend = createBackend(null);
        String vertex = op(backend, "{\"type\": \"add-vertex\", \"version_id\": \"" + upper + "\"}").statusCode(200)
                .extract().path("vertex_id");
        op(backend, param(vertex, "repeat", "Int", "1")).statusCode(200);
        readBack(backend, 2, "1");

        int seq;
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("LOCK TABLE operations.backends IN EXCLUSIVE MODE");
            }
            seq = op(backend, param(vertex, "repeat", "Int", "2")).statusCode(200).extract().path("seq");
            CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(1500);
                    lock.rollback();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            readBack(backend, seq, "2");
        }
        for (int i = 3; i < 50; i++) {
            seq = op(backend, param(vertex, "repeat", "Int", Integer.toString(i))).statusCode(200).extract().path("seq");
            readBack(backend, seq, Integer.toString(i));
        }
    }

    private void readBack(String backend, int seq, String repeat) {
        given().header("X-Ppl-Workspace", workspace).get("/internal/backends/" + backend).then().statusCode(200)
                .body("seq", equalTo(seq)).body("vertices[0].params.repeat.value", equalTo(repeat));
        given().header("X-Ppl-Workspace", workspace).get("/internal/backends/" + backend + "/operations?offset=" + seq)
                .then().statusCode(200).body("count", equalTo(seq + 1)).body("items[0].seq", equalTo(seq));
    }

    @Test
    void everyRefusedOperationNamesItsFieldAndLeavesTheLogUnchanged() {
        String upper = publish(UPPERCASE.formatted(suffix(), "null"));
        String numbers = publish(NUMBERS.formatted(suffix()));
        String out = latest("Output JSON HTTP");
        String backend = createBackend(null);
        String cut = op(backend, "{\"type\": \"add-vertex\", \"version_id\": \"" + upper + "\"}").extract().path("vertex_id");
        String num = op(backend, "{\"type\": \"add-vertex\", \"version_id\": \"" + numbers + "\"}").extract().path("vertex_id");
        String sink = op(backend, "{\"type\": \"add-vertex\", \"version_id\": \"" + out + "\"}").extract().path("vertex_id");
        op(backend, connect(cut, sink)).statusCode(200);
        // Vertex ids count vertices, not operations.
        String spare = op(backend, "{\"type\": \"add-vertex\", \"version_id\": \"" + upper + "\"}").statusCode(200)
                .body("seq", equalTo(5)).extract().path("vertex_id");
        assertThat(List.of(cut, num, sink, spare)).containsExactly("1", "2", "3", "4");
        int before = operations(backend);

        refused(op(backend, "{\"type\": \"add-vertex\", \"version_id\": \"cv_nosuchversion\"}"), 400, "version_id");
        refused(op(backend, connect(cut, num)), 400, "to_input");
        refused(op(backend, connect(cut, sink)), 409, "to_input");
        refused(op(backend, "{\"type\": \"connect\", \"from_vertex\": \"" + cut
                + "\", \"from_output\": 5, \"to_vertex\": \"" + sink + "\", \"to_input\": 0}"), 400, "from_output");
        refused(op(backend, "{\"type\": \"connect\", \"from_vertex\": \"99\", \"from_output\": 0, \"to_vertex\": \"" + sink
                + "\", \"to_input\": 0}"), 400, "from_vertex");
        refused(op(backend, connect(spare, "99")), 400, "to_vertex");
        refused(op(backend, "{\"type\": \"connect\", \"from_vertex\": \"" + spare
                + "\", \"from_output\": 0, \"to_vertex\": \"" + num + "\", \"to_input\": 1}"), 400, "to_input");
        refused(op(backend, param("99", "suffix", "String", "\"x\"")), 400, "vertex_id");
        refused(op(backend, param(cut, "nope", "String", "\"x\"")), 400, "name");
        refused(op(backend, param(cut, "ratio", "Double", "1")), 400, "value");
        refused(op(backend, param(cut, "ratio", "String", "\"1\"")), 400, "value_type");
        refused(op(backend, param(cut, "suffix", "String", "unquoted")), 400, "value");
        refused(op(backend, param(cut, "loud", "Bool", "\"true\"")), 400, "value");
        refused(op(backend, param(cut, "repeat", "Int", "2.0")), 400, "value");
        refused(op(backend, "{\"type\": \"teleport\"}"), 400, "type");
        refused(op(backend, "{\"type\": \"connect\", \"from_vertex\": \"1\"}"), 400, null);
        refused(given().contentType(ContentType.JSON).body(connect(spare, num))
                .post("/internal/backends/" + backend + "/operations").then(), 400, "X-Ppl-Workspace");

        assertThat(operations(backend)).isEqualTo(before);
        assertThat(OperationLogRecords.eventsOf(backend, before)).hasSize(before);
    }

    @Test
    void aBackendDeletedByItsClientIsGoneAndItsLogEndsWithTheDeletionStampedWithTheCaller() {
        String backend = createBackend(null);
        op(backend, "{\"type\": \"add-vertex\", \"version_id\": \"" + latest("Input JSON HTTP") + "\"}").statusCode(200);

        given().header("X-Ppl-Workspace", Ids.next(Ids.WORKSPACE)).delete("/internal/backends/" + backend).then()
                .statusCode(404);
        given().header("X-Ppl-Workspace", workspace).header("X-Ppl-Actor", "ada").header("X-Ppl-Surface", "cli")
                .delete("/internal/backends/" + backend).then().statusCode(204);

        given().header("X-Ppl-Workspace", workspace).get("/internal/backends/" + backend).then().statusCode(404)
                .contentType("application/problem+json");
        given().header("X-Ppl-Workspace", workspace).get("/internal/backends/" + backend + "/operations").then()
                .statusCode(404);
        given().header("X-Ppl-Workspace", workspace).delete("/internal/backends/" + backend).then().statusCode(404);
        refused(op(backend, "{\"type\": \"add-vertex\", \"version_id\": \"" + latest("Input JSON HTTP") + "\"}"), 404,
                null);
        List<BackendEvent> log = OperationLogRecords.eventsOf(backend, 3);
        assertThat(log).extracting(BackendEvent::seq).containsExactly(0L, 1L, 2L);
        BackendDeleted deleted = (BackendDeleted) log.get(2);
        assertThat(deleted.reason()).isEqualTo("client");
        assertThat(deleted.actor()).isEqualTo("ada");
        assertThat(deleted.surface()).isEqualTo("cli");
        assertThat(log.get(1).actor()).isEqualTo("unknown");
        assertThat(log.get(1).surface()).isEqualTo("rest");
    }

    @Test
    void aForkWithoutANameTakesItsSourcesNameAndACreateWithNeitherNameNorSourceIsRefusedNamingName() {
        String source = given().header("X-Ppl-Workspace", workspace).contentType(ContentType.JSON)
                .body("{\"name\": \"nightly\"}").post("/internal/backends").then().statusCode(201).extract()
                .path("backend_id");
        op(source, "{\"type\": \"add-vertex\", \"version_id\": \"" + latest("Input JSON HTTP") + "\"}").statusCode(200);

        String fork = given().header("X-Ppl-Workspace", workspace).contentType(ContentType.JSON)
                .body("{\"source_backend_id\": \"" + source + "\"}").post("/internal/backends").then().statusCode(201)
                .body("name", equalTo("nightly")).body("seq", equalTo(1)).body("source_backend_id", equalTo(source))
                .extract().path("backend_id");

        given().header("X-Ppl-Workspace", workspace).get("/internal/backends/" + fork).then().statusCode(200)
                .body("name", equalTo("nightly")).body("vertices", hasSize(1));
        refused(given().header("X-Ppl-Workspace", workspace).contentType(ContentType.JSON).body("{\"lease_id\": null}")
                .post("/internal/backends").then(), 400, "name");
        refused(given().header("X-Ppl-Workspace", workspace).contentType(ContentType.JSON)
                .body("{\"name\": \" \", \"source_backend_id\": \"" + source + "\"}").post("/internal/backends").then(),
                400, "name");
    }

    @Test
    void anotherWorkspaceSeesNeitherTheBackendNorTheVersion() {
        String upper = publish(UPPERCASE.formatted(suffix(), "null"));
        String backend = createBackend(null);
        String other = Ids.next(Ids.WORKSPACE);

        given().header("X-Ppl-Workspace", other).get("/internal/backends/" + backend).then().statusCode(404)
                .contentType("application/problem+json");
        given().header("X-Ppl-Workspace", other).get("/internal/versions/" + upper).then().statusCode(404);
        given().get("/internal/backends/" + backend).then().statusCode(400).body("field", equalTo("X-Ppl-Workspace"));
    }

    @Test
    void theCatalogListsBuiltInsForEveryWorkspaceAndMovesTheLatestTag() {
        String name = "upper-" + suffix();
        String first = publish(UPPERCASE.formatted(name.substring(6), "null"));
        String second = publish(UPPERCASE.formatted(name.substring(6), "null").replace("\"0.1.0\"", "\"0.2.0\""));
        String componentId = given().header("X-Ppl-Workspace", workspace).get("/internal/versions/" + second).then()
                .extract().path("component_id");

        given().header("X-Ppl-Workspace", workspace).get("/internal/components/" + componentId + "/versions").then()
                .statusCode(200).body("[0].id", equalTo(second)).body("[0].tags", equalTo(List.of("latest")))
                .body("[1].id", equalTo(first)).body("[1].tags", hasSize(0));
        given().header("X-Ppl-Workspace", Ids.next(Ids.WORKSPACE)).queryParam("query", "json http")
                .get("/internal/components").then().statusCode(200).body("count", equalTo(2));
        given().header("X-Ppl-Workspace", workspace).queryParam("query", name.substring(3).toUpperCase())
                .get("/internal/components").then().statusCode(200).body("count", equalTo(1))
                .body("items[0].component_id", equalTo(componentId)).body("items[0].latest_version_id", equalTo(second));
        given().header("X-Ppl-Workspace", workspace).get("/internal/components").then().statusCode(200)
                .body("items.name", hasItem("Input JSON HTTP")).body("items.name", hasItem(name));
        given().header("X-Ppl-Workspace", Ids.next(Ids.WORKSPACE)).queryParam("query", name)
                .get("/internal/components").then().statusCode(200).body("count", equalTo(0));
        given().header("X-Ppl-Workspace", Ids.next(Ids.WORKSPACE)).get("/internal/components/" + componentId + "/versions")
                .then().statusCode(404);
        given().get("/internal/components").then().statusCode(400).body("field", equalTo("X-Ppl-Workspace"));
        given().header("X-Ppl-Workspace", workspace).contentType(ContentType.JSON)
                .body("{\"descriptor\": {\"name\": \"\", \"version\": \"1\"}}").post("/internal/components/versions").then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aRolledBackLeaseLosesItsBackendAndVersionAndTheServiceAcknowledges() {
        String lease = Ids.next(Ids.LEASE);
        String otherLease = Ids.next(Ids.LEASE);
        String version = publish(UPPERCASE.formatted(suffix(), "\"" + lease + "\""));
        String backend = createBackend(lease);
        String kept = createBackend(otherLease);
        op(backend, "{\"type\": \"add-vertex\", \"version_id\": \"" + version + "\"}").statusCode(200);

        LeaseRolledBack closed = new LeaseRolledBack(lease, workspace, "client", CleanupPolicy.DELETE_EPHEMERAL_RESOURCES,
                Instant.now());
        // Delivered twice: the second delivery deletes nothing twice.
        produce(closed);
        produce(closed);

        // The acknowledgement is published once everything the lease owned is gone.
        LeaseResourcesReleased ack = TopicReader.leaseAcknowledgement(Topics.CATALOG_EVENTS, lease);
        given().header("X-Ppl-Workspace", workspace).get("/internal/backends/" + backend).then().statusCode(404);
        given().header("X-Ppl-Workspace", workspace).get("/internal/versions/" + version).then().statusCode(404);
        given().header("X-Ppl-Workspace", workspace).get("/internal/backends/" + kept).then().statusCode(200);
        assertThat(ack.owner()).isEqualTo("operations");
        assertThat(ack.released()).extracting(r -> r.kind() + ":" + r.id()).contains("backend:" + backend,
                "version:" + version);
        assertThat(OperationLogRecords.eventsOf(backend, 3)).extracting(e -> e.getClass().getSimpleName()).containsExactly(
                "BackendCreated",
                "OperationRecorded", "BackendDeleted");
        ComponentVersionDeleted deleted = TopicReader.first(Topics.CATALOG_EVENTS, value -> Events.CODEC.decodeKnown(value)
                .filter(ComponentVersionDeleted.class::isInstance).map(ComponentVersionDeleted.class::cast)
                .filter(d -> d.versionId().equals(version)), Duration.ofSeconds(20));
        assertThat(deleted.leaseId()).isEqualTo(lease);
    }

    @Test
    void aLeaseRolledBackUnderRetainAllKeepsEverythingButIsStillAcknowledged() {
        String lease = Ids.next(Ids.LEASE);
        String version = publish(UPPERCASE.formatted(suffix(), "\"" + lease + "\""));
        String backend = createBackend(lease);

        produce(new LeaseRolledBack(lease, workspace, "client", CleanupPolicy.RETAIN_ALL, Instant.now()));

        LeaseResourcesReleased ack = TopicReader.leaseAcknowledgement(Topics.CATALOG_EVENTS, lease);
        assertThat(ack.owner()).isEqualTo("operations");
        assertThat(ack.released()).isEmpty();
        given().header("X-Ppl-Workspace", workspace).get("/internal/backends/" + backend).then().statusCode(200);
        given().header("X-Ppl-Workspace", workspace).get("/internal/versions/" + version).then().statusCode(200);
    }

    @Test
    void replayingTheLogIntoTheProjectionChangesNothing() throws Exception {
        String upper = publish(UPPERCASE.formatted(suffix(), "null"));
        String backend = createBackend(null);
        String v1 = op(backend, "{\"type\": \"add-vertex\", \"version_id\": \"" + latest("Input JSON HTTP") + "\"}")
                .statusCode(200).extract().path("vertex_id");
        String v2 = op(backend, "{\"type\": \"add-vertex\", \"version_id\": \"" + upper + "\"}").statusCode(200)
                .extract().path("vertex_id");
        op(backend, connect(v1, v2)).statusCode(200);
        op(backend, param(v2, "ratio", "Double", "0.5")).statusCode(200);
        String graph = graphJson(backend);
        String operations = given().header("X-Ppl-Workspace", workspace).get("/internal/backends/" + backend + "/operations")
                .then().statusCode(200).extract().asString();

        List<ConsumerRecord<String, byte[]>> records = OperationLogRecords.recordsOf(backend, 5);
        assertThat(records).hasSize(5);
        int partition = records.get(0).partition();
        replayKeepingThePosition(partition, records);

        assertThat(graphJson(backend)).isEqualTo(graph);
        given().header("X-Ppl-Workspace", workspace).get("/internal/backends/" + backend + "/operations").then()
                .statusCode(200).body(equalTo(operations));
        // The writer still continues the log from where it was.
        op(backend, param(v2, "ratio", "Double", "0.25")).statusCode(200).body("seq", equalTo(5))
                .body("event.inverse[0].value", equalTo("0.5"));
    }

    /** Stores the records again without moving the live reader's position (retried if it moves meanwhile). */
    private void replayKeepingThePosition(int partition, List<ConsumerRecord<String, byte[]>> records) throws Exception {
        for (int attempt = 1;; attempt++) {
            long position = store.position(Topics.BACKEND_OPERATIONS, partition);
            try {
                projector.store(partition, projector.prepare(partition, records), position, position).toCompletableFuture()
                        .get(30, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof PositionConflictException) || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private String graphJson(String backend) {
        return given().header("X-Ppl-Workspace", workspace).get("/internal/backends/" + backend).then().statusCode(200)
                .extract().asString();
    }

    private static void produce(LeaseRolledBack closed) {
        try (var producer = new KafkaProducer<>(Map.<String, Object> of("bootstrap.servers",
                SharedInfrastructure.get().kafkaBootstrap()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.LEASE_EVENTS, closed.leaseId(), Events.CODEC.encodeBytes(closed)))
                    .get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void refused(ValidatableResponse response, int status, String field) {
        response.statusCode(status).contentType("application/problem+json");
        if (field != null) {
            response.body("field", equalTo(field));
        }
    }

    private String publish(String body) {
        return given().header("X-Ppl-Workspace", workspace).contentType(ContentType.JSON).body(body)
                .post("/internal/components/versions").then().statusCode(201).extract().path("id");
    }

    private String latest(String name) {
        return given().header("X-Ppl-Workspace", workspace).get("/internal/components/by-name/" + name + "/latest").then()
                .statusCode(200).extract().path("id");
    }

    private String createBackend(String lease) {
        return given().header("X-Ppl-Workspace", workspace).contentType(ContentType.JSON)
                .body(lease == null ? "{\"name\": \"b\"}" : "{\"name\": \"b\", \"lease_id\": \"" + lease + "\"}")
                .post("/internal/backends").then().statusCode(201).extract().path("backend_id");
    }

    private ValidatableResponse op(String backend, String body) {
        return given().header("X-Ppl-Workspace", workspace).contentType(ContentType.JSON).body(body)
                .post("/internal/backends/" + backend + "/operations").then();
    }

    private int operations(String backend) {
        return given().header("X-Ppl-Workspace", workspace).get("/internal/backends/" + backend + "/operations").then()
                .statusCode(200).extract().path("count");
    }

    private static String connect(String from, String to) {
        return "{\"type\": \"connect\", \"from_vertex\": \"" + from + "\", \"from_output\": 0, \"to_vertex\": \"" + to
                + "\", \"to_input\": 0}";
    }

    private static String param(String vertex, String name, String type, String value) {
        return "{\"type\": \"change-parameter\", \"vertex_id\": \"" + vertex + "\", \"name\": \"" + name
                + "\", \"value_type\": \"" + type + "\", \"value\": "
                + com.fasterxml.jackson.databind.node.TextNode.valueOf(value)
                + "}";
    }

    private static String suffix() {
        return Ids.next("c").substring(2, 10);
    }
}
