package dev.ppl.operations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.ppl.contracts.Ids;
import dev.ppl.contracts.Topics;
import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.local.testing.PlatformTestResource;
import dev.ppl.operations.oplog.ProjectionProgress;
import dev.ppl.operations.projection.BackendProjector;
import dev.ppl.operations.projection.ProjectionStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Dropping the projection and replaying the log gives back exactly the live projection. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class ProjectionRebuildTest {
    private final String workspace = Ids.next(Ids.WORKSPACE);
    @Inject
    ProjectionStore store;
    @Inject
    ProjectionProgress progress;
    @Inject
    BackendProjector projector;

    @Test
    void aRebuiltProjectionEqualsTheLiveOneForEditedCompactedAndDeletedBackends() {
        String in = given().header("X-Ppl-Workspace", workspace).get("/internal/components/by-name/Input JSON HTTP/latest")
                .then().statusCode(200).extract().path("id");
        String out = given().header("X-Ppl-Workspace", workspace).get("/internal/components/by-name/Output JSON HTTP/latest")
                .then().statusCode(200).extract().path("id");
        String edited = createBackend();
        String compacted = createBackend();
        String deleted = createBackend();
        for (String b : List.of(edited, compacted, deleted)) {
            String v1 = op(b, Map.of("type", "add-vertex", "version_id", in));
            String v2 = op(b, Map.of("type", "add-vertex", "version_id", out));
            op(b, Map.of("type", "connect", "from_vertex", v1, "from_output", 0, "to_vertex", v2, "to_input", 0));
            op(b, Map.of("type", "change-alias", "vertex_id", v1, "alias", "in"));
            op(b, Map.of("type", "change-alias", "vertex_id", v1, "alias", "input"));
        }
        given().header("X-Ppl-Workspace", workspace).post("/internal/backends/" + compacted + "/compact").then()
                .statusCode(200);
        given().header("X-Ppl-Workspace", workspace).delete("/internal/backends/" + deleted).then().statusCode(204);
        String editedGraph = read("/internal/backends/" + edited);
        String editedLog = read("/internal/backends/" + edited + "/operations");
        String compactedGraph = read("/internal/backends/" + compacted);
        String compactedLog = read("/internal/backends/" + compacted + "/operations");

        given().post("/internal/projection/rebuild").then().statusCode(200);

        assertThat(read("/internal/backends/" + edited)).isEqualTo(editedGraph);
        assertThat(read("/internal/backends/" + edited + "/operations")).isEqualTo(editedLog);
        assertThat(read("/internal/backends/" + compacted)).isEqualTo(compactedGraph);
        assertThat(read("/internal/backends/" + compacted + "/operations")).isEqualTo(compactedLog);
        given().header("X-Ppl-Workspace", workspace).get("/internal/backends/" + deleted).then().statusCode(404);
        // The writer continues each log where it was.
        given().header("X-Ppl-Workspace", workspace).contentType(ContentType.JSON)
                .body(json(Map.of("type", "change-alias", "vertex_id", "1", "alias", "again")))
                .post("/internal/backends/" + edited + "/operations").then().statusCode(200)
                .body("seq", org.hamcrest.Matchers.equalTo(6));
    }

    /**
     * Another instance's rebuild empties the tables while this instance's reader is in the middle of the log: its
     * next batch finds its stored position gone and replays the partition from the beginning, rather than
     * continuing from where it was and leaving out everything before.
     */
    @Test
    void aReaderWhoseProjectionIsEmptiedUnderItReplaysItsPartitionFromTheBeginning() {
        String in = given().header("X-Ppl-Workspace", workspace).get("/internal/components/by-name/Input JSON HTTP/latest")
                .then().statusCode(200).extract().path("id");
        String backend = createBackend();
        String vertex = op(backend, Map.of("type", "add-vertex", "version_id", in));
        op(backend, Map.of("type", "change-alias", "vertex_id", vertex, "alias", "before"));
        List<String> logBefore = given().header("X-Ppl-Workspace", workspace)
                .get("/internal/backends/" + backend + "/operations").then().statusCode(200).extract().path("items.type");

        store.clear();

        op(backend, Map.of("type", "change-alias", "vertex_id", vertex, "alias", "after"));
        given().header("X-Ppl-Workspace", workspace).get("/internal/backends/" + backend).then().statusCode(200)
                .body("seq", org.hamcrest.Matchers.equalTo(3))
                .body("vertices.find { it.vertex_id == '" + vertex + "' }.alias", org.hamcrest.Matchers.equalTo("after"));
        List<String> logAfter = given().header("X-Ppl-Workspace", workspace)
                .get("/internal/backends/" + backend + "/operations").then().statusCode(200).extract().path("items.type");
        assertThat(logAfter).hasSize(logBefore.size() + 1).startsWith(logBefore.toArray(String[]::new));
        // The other partitions are read again on their next batch; a rebuild puts everything back for the next test.
        given().post("/internal/projection/rebuild").then().statusCode(200);
    }

    /**
     * A restarted instance knows nothing of how far the projection went, and its reader, resuming each partition
     * at the stored position, stores nothing until a record comes: a backend whose partition has nothing new is
     * readable all the same, not 503 until someone writes to the partition.
     */
    @Test
    void aBackendIsReadableAfterARestartWithNothingNewOnItsPartition() {
        String in = given().header("X-Ppl-Workspace", workspace).get("/internal/components/by-name/Input JSON HTTP/latest")
                .then().statusCode(200).extract().path("id");
        String backend = createBackend();
        op(backend, Map.of("type", "add-vertex", "version_id", in));
        String log = read("/internal/backends/" + backend + "/operations");

        // What a new instance knows of the partitions, and what its reader asks for as they are assigned to it.
        store.positions(Topics.BACKEND_OPERATIONS).keySet().forEach(progress::forget);
        projector.positions(Topics.BACKEND_OPERATIONS);

        assertThat(read("/internal/backends/" + backend + "/operations")).isEqualTo(log);
    }

    private String read(String path) {
        return given().header("X-Ppl-Workspace", workspace).get(path).then().statusCode(200).extract().asString();
    }

    private String createBackend() {
        return given().header("X-Ppl-Workspace", workspace).contentType(ContentType.JSON).body("{\"name\": \"b\"}")
                .post("/internal/backends").then().statusCode(201).extract().path("backend_id");
    }

    private String op(String backend, Map<String, Object> body) {
        return given().header("X-Ppl-Workspace", workspace).contentType(ContentType.JSON).body(json(body))
                .post("/internal/backends/" + backend + "/operations").then().statusCode(200).extract().path("vertex_id");
    }

    private static String json(Object value) {
        try {
            return JsonCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
