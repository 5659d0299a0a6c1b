package dev.ppl.operations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import dev.ppl.contracts.Events;
import dev.ppl.contracts.Ids;
import dev.ppl.contracts.Topics;
import dev.ppl.contracts.backend.BackendCreated;
import dev.ppl.local.testing.PlatformTestResource;
import dev.ppl.local.testing.SharedInfrastructure;
import dev.ppl.service.kafka.DeadLetters;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Hostile input to the writer and the projector on a real Kafka log and a real PostgreSQL projection: each is
 * refused or set aside, changes nothing, and the writer goes on serving every workspace.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class HostileInputTest {
    private final String workspace = Ids.next(Ids.WORKSPACE);
    private final String other = Ids.next(Ids.WORKSPACE);

    /** An id with a NUL reached PostgreSQL, which refuses it, and was answered 500 (found by ApiFuzzIT). */
    @Test
    void aBackendIdWithANulCharacterIsNotFound() {
        for (String path : List.of("/internal/backends/%00", "/internal/backends/%00?at_seq=0",
                "/internal/backends/bk_%00x/operations")) {
            given().urlEncodingEnabled(false).header("X-Ppl-Workspace", workspace).get(path).then().statusCode(404)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void aPinnedTypeNestedTwentyThousandLevelsIsRefusedNamingPinnedTypeAndAnotherWorkspaceGoesOnEditing() {
        String backend = createBackend(workspace);
        String in = latest(workspace, "Input JSON HTTP");
        String vertex = op(workspace, backend, "{\"type\": \"add-vertex\", \"version_id\": \"" + in + "\"}").statusCode(200)
                .extract().path("vertex_id");
        String deep = "[".repeat(20_000) + "Int" + "]".repeat(20_000);

        op(workspace, backend, "{\"type\": \"add-constraint\", \"vertex_id\": \"" + vertex
                + "\", \"variable\": \"t\", \"pinned_type\": \"" + deep + "\"}").statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("pinned_type")).body("limit", equalTo(32))
                .body("expected", equalTo("at most 32 levels of nesting (setting ppl.pipelang.max-depth)"));

        editsStillWork(other);
        assertThat(operations(workspace, backend)).isEqualTo(1);
    }

    @Test
    void oversizedMetadataIsRefusedWith413AndDeleteCompactAndADryRunPatchStillSucceed() {
        String backend = createBackend(workspace);
        String in = latest(workspace, "Input JSON HTTP");
        String vertex = op(workspace, backend, "{\"type\": \"add-vertex\", \"version_id\": \"" + in + "\"}").statusCode(200)
                .extract().path("vertex_id");
        String huge = "x".repeat(600 * 1024);
        for (String key : List.of("a", "b")) {
            op(workspace, backend, metadata(vertex, key, huge)).statusCode(413).contentType("application/problem+json")
                    .body("field", equalTo("value")).body("limit", equalTo(65536));
        }
        op(workspace, backend, "{\"type\": \"delete-vertex\", \"vertex_id\": \"" + vertex + "\"}").statusCode(200);
        given().header("X-Ppl-Workspace", workspace).post("/internal/backends/" + backend + "/compact").then()
                .statusCode(200);
        given().header("X-Ppl-Workspace", workspace).contentType(ContentType.JSON)
                .body("{\"dry_run\": true, \"operations\": [{\"type\": \"add-vertex\", \"version_id\": \"" + in + "\"}]}")
                .post("/internal/backends/" + backend + "/patch").then().statusCode(200);
        editsStillWork(other);
    }

    @Test
    void aCompactionWhoseEventWouldNotFitInAKafkaRecordIsRefusedAndTheBackendStaysEditable() {
        String backend = createBackend(workspace);
        String in = latest(workspace, "Input JSON HTTP");
        String large = "y".repeat(60_000);
        List<String> vertices = new ArrayList<>();
        for (int v = 0; v < 3; v++) {
            String vertex = op(workspace, backend, "{\"type\": \"add-vertex\", \"version_id\": \"" + in + "\"}")
                    .statusCode(200).extract().path("vertex_id");
            vertices.add(vertex);
            for (int k = 0; k < 4; k++) {
                op(workspace, backend, metadata(vertex, "k" + k, large)).statusCode(200);
            }
        }
        // A vertex as a whole is capped too, so that deleting it (whose inverse carries it) always fits.
        op(workspace, backend, metadata(vertices.get(0), "k9", "z".repeat(65_000))).statusCode(413)
                .body("field", equalTo("value")).body("limit", equalTo(262144));
        int before = operations(workspace, backend);

        given().header("X-Ppl-Workspace", workspace).post("/internal/backends/" + backend + "/compact").then()
                .statusCode(413).contentType("application/problem+json").body("field", equalTo("operations"))
                .body("limit", equalTo(524288));

        assertThat(operations(workspace, backend)).isEqualTo(before);
        op(workspace, backend, "{\"type\": \"delete-vertex\", \"vertex_id\": \"" + vertices.get(0) + "\"}").statusCode(200);
        editsStillWork(other);
    }

    @Test
    void garbageOnTheOperationLogIsSetAsideAndAForgedCreationMovesNoBackendToAnotherWorkspace() {
        String backend = createBackend(workspace);
        String in = latest(workspace, "Input JSON HTTP");
        op(workspace, backend, "{\"type\": \"add-vertex\", \"version_id\": \"" + in + "\"}").statusCode(200);
        String forged = Events.CODEC.encode(new BackendCreated(backend, 2, other, "stolen", null, null, List.of(), "evil",
                "api", Instant.now()));
        List<String> garbage = List.of("this is not json", "{\"type\": \"backend.created.v1\"}",
                "{\"type\": \"backend.no_such_event.v1\", \"backend_id\": \"" + backend + "\"}", forged);
        List<Long> offsets = new ArrayList<>();
        for (String value : garbage) {
            offsets.add(produce(Topics.BACKEND_OPERATIONS, backend, value));
        }

        List<ConsumerRecord<String, byte[]>> setAside = deadLetters(Topics.BACKEND_OPERATIONS, offsets, backend);
        assertThat(setAside).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrderElementsOf(garbage);
        assertThat(setAside).allSatisfy(r -> assertThat(header(r, DeadLetters.ERROR_HEADER)).isNotBlank());
        assertThat(header(setAside.get(setAside.size() - 1), DeadLetters.ERROR_HEADER)).contains("exists already");

        // The projection keeps the backend where it was, and both the writer and the projector go on.
        op(workspace, backend, "{\"type\": \"add-vertex\", \"version_id\": \"" + in + "\"}").statusCode(200);
        given().header("X-Ppl-Workspace", workspace).get("/internal/backends/" + backend).then().statusCode(200)
                .body("name", equalTo("b")).body("seq", equalTo(2));
        given().header("X-Ppl-Workspace", other).get("/internal/backends/" + backend).then().statusCode(404);
        editsStillWork(other);
    }

    @Test
    void anUnreadableCommandIsSetAsideAndTheWriterGoesOnServing() {
        String key = Ids.next(Ids.BACKEND);
        long offset = produce(Topics.BACKEND_COMMANDS, key, "{\"type\": \"backend.apply_operations.v1\"}");

        List<ConsumerRecord<String, byte[]>> setAside = deadLetters(Topics.BACKEND_COMMANDS, List.of(offset), key);
        assertThat(setAside).hasSize(1);
        editsStillWork(other);
        given().get("/q/health/ready").then().statusCode(200).body("checks.name", hasItem("backend-writer"));
    }

    private void editsStillWork(String ws) {
        String backend = createBackend(ws);
        op(ws, backend, "{\"type\": \"add-vertex\", \"version_id\": \"" + latest(ws, "Input JSON HTTP") + "\"}")
                .statusCode(200);
    }

    private static String metadata(String vertex, String key, String value) {
        return "{\"type\": \"change-metadata\", \"vertex_id\": \"" + vertex + "\", \"key\": \"" + key + "\", \"value\": \""
                + value + "\"}";
    }

    private static long produce(String topic, String key, String value) {
        try (var producer = new KafkaProducer<>(Map.<String, Object> of("bootstrap.servers",
                SharedInfrastructure.get().kafkaBootstrap()), new StringSerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8))).get().offset();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The records of {@code key} set aside from {@code topic}, waiting until there are as many as {@code offsets}. */
    private static List<ConsumerRecord<String, byte[]>> deadLetters(String topic, List<Long> offsets, String key) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object> of("bootstrap.servers",
                SharedInfrastructure.get().kafkaBootstrap(), "group.id", Ids.next("test"), "auto.offset.reset", "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.deadLetter(topic)));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (found.size() < offsets.size() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (key.equals(r.key()) && offsets.contains(Long.parseLong(header(r, DeadLetters.OFFSET_HEADER)))) {
                        found.add(r);
                    }
                });
            }
        }
        found.sort((a, b) -> Long.compare(Long.parseLong(header(a, DeadLetters.OFFSET_HEADER)),
                Long.parseLong(header(b, DeadLetters.OFFSET_HEADER))));
        return found;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String createBackend(String ws) {
        return given().header("X-Ppl-Workspace", ws).contentType(ContentType.JSON).body("{\"name\": \"b\"}")
                .post("/internal/backends").then().statusCode(201).extract().path("backend_id");
    }

    private static String latest(String ws, String name) {
        return given().header("X-Ppl-Workspace", ws).get("/internal/components/by-name/" + name + "/latest").then()
                .statusCode(200).extract().path("id");
    }

    private static ValidatableResponse op(String ws, String backend, String body) {
        return given().header("X-Ppl-Workspace", ws).contentType(ContentType.JSON).body(body)
                .post("/internal/backends/" + backend + "/operations").then();
    }

    private static int operations(String ws, String backend) {
        return given().header("X-Ppl-Workspace", ws).get("/internal/backends/" + backend).then().statusCode(200).extract()
                .path("seq");
    }
}
