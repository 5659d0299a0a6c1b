package dev.ppl.operations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.ppl.contracts.Ids;
import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.local.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Dropping the projection and replaying the log gives back exactly the live projection. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class ProjectionRebuildTest {
    private final String workspace = Ids.next(Ids.WORKSPACE);

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
