package dev.ppl.gateway.backends;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.ppl.contracts.Ids;
import dev.ppl.gateway.auth.Workspaces;
import dev.ppl.local.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * The gateway's part of the backend routes: bearer auth, the caller's workspace, actor and surface passed
 * on, {@code restore-vertex} refused, {@code add-file} resolved against the workspace's files, query
 * parameters checked, and the operations-service's answers and refusals passed through. The
 * operations-service is {@link EchoOperationsService}; Kafka and PostgreSQL are real.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = EchoOperationsService.class, restrictToAnnotatedClass = true)
class BackendApiTest {
    private static final String TOKEN = "pt_gatewaytesttoken";

    @Inject
    Workspaces workspaces;

    private static RequestSpecification api() {
        return given().auth().oauth2(TOKEN).contentType("application/json");
    }

    @ParameterizedTest
    @CsvSource({ "POST, /v1/backends", "GET, /v1/backends/bk_1", "DELETE, /v1/backends/bk_1",
            "POST, /v1/backends/bk_1/operations", "GET, /v1/backends/bk_1/operations", "POST, /v1/backends/bk_1/patch",
            "POST, /v1/backends/bk_1/undo", "POST, /v1/backends/bk_1/compact" })
    void everyBackendRouteNeedsAValidToken(String method, String path) {
        given().contentType("application/json").body("{}").request(method, path).then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", "Bearer")
                .body("field", equalTo("Authorization"));
        given().auth().oauth2("pt_notatoken").contentType("application/json").body("{}").request(method, path).then()
                .statusCode(401);
    }

    @Test
    void createPassesTheCallersWorkspaceActorAndSurfaceOnAndAnswers201WithData() {
        String workspace = workspaces.ensure("default").id;
        api().header("X-Ppl-Surface", "cli").body("{\"name\": \"b\", \"source_backend_id\": \"bk_src\"}")
                .post("/v1/backends").then().statusCode(201)
                .body("data.path", equalTo("/internal/backends"))
                .body("data.body.name", equalTo("b"))
                .body("data.body.source_backend_id", equalTo("bk_src"))
                .body("data.headers.x-ppl-workspace", equalTo(workspace))
                .body("data.headers.x-ppl-actor", startsWith("token:"))
                .body("data.headers.x-ppl-actor", not(equalTo("token:" + TOKEN)))
                .body("data.headers.x-ppl-surface", equalTo("cli"));
        api().body("{\"name\": \"b\"}").post("/v1/backends").then().statusCode(201)
                .body("data.headers.x-ppl-surface", equalTo("rest"));
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefusedNamingIt() {
        api().body("[]").post("/v1/backends").then().statusCode(400).body("field", equalTo("body"));
        api().body("\"add-vertex\"").post("/v1/backends/bk_1/operations").then().statusCode(400)
                .body("field", equalTo("body"));
        api().body("3").post("/v1/backends/bk_1/undo").then().statusCode(400).body("field", equalTo("body"));
        api().body("{\"operations\": {}}").post("/v1/backends/bk_1/patch").then().statusCode(400)
                .body("field", equalTo("operations"));
        api().body("{\"operations\": [], \"dry_run\": \"yes\"}").post("/v1/backends/bk_1/patch").then().statusCode(400)
                .body("field", equalTo("dry_run"));
        api().body("{\"operations\": [{\"type\": \"add-vertex\", \"version_id\": \"cv_1\"}, 7]}")
                .post("/v1/backends/bk_1/patch").then().statusCode(400).body("field", equalTo("operations[1]"));
    }

    @Test
    void restoreVertexIsThePlatformsOwnAndIsRefusedNamingType() {
        String restore = "{\"type\": \"restore-vertex\", \"vertex\": {\"vertex_id\": \"1\", \"version_id\": \"cv_1\"}}";
        api().body(restore).post("/v1/backends/bk_1/operations").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("type"))
                .body("expected", startsWith("one of add-vertex"));
        api().body("{\"operations\": [{\"type\": \"add-vertex\", \"version_id\": \"cv_1\"}, " + restore + "]}")
                .post("/v1/backends/bk_1/patch").then().statusCode(400).body("field", equalTo("operations[1].type"));
    }

    @Test
    void anOperationIsPassedOnAsItCameAndItsAnswerWrappedInData() {
        api().header("X-Ppl-Surface", "cli")
                .body("{\"type\": \"change-parameter\", \"vertex_id\": \"2\", \"name\": \"threshold\", "
                        + "\"value_type\": \"Double\", \"value\": \"0.7\"}")
                .post("/v1/backends/bk_1/operations").then().statusCode(200)
                .body("data.method", equalTo("POST"))
                .body("data.path", equalTo("/internal/backends/bk_1/operations"))
                .body("data.body.type", equalTo("change-parameter"))
                .body("data.body.value", equalTo("0.7"))
                .body("data.headers.x-ppl-surface", equalTo("cli"));
    }

    @Test
    void addFileLooksTheFileUpAndFillsInItsType() {
        String fileId = upload(TOKEN, "weights.onnx", "application/octet-stream");
        api().body("{\"type\": \"add-file\", \"vertex_id\": \"2\", \"slot\": \"weights\", \"file_id\": \"" + fileId
                + "\", \"file_type\": \"text/lies\"}").post("/v1/backends/bk_1/operations").then().statusCode(200)
                .body("data.body.file_id", equalTo(fileId))
                .body("data.body.file_type", equalTo("application/octet-stream"));

        String json = upload(TOKEN, "config.json", "application/json");
        api().body("{\"operations\": [{\"type\": \"add-file\", \"vertex_id\": \"2\", \"slot\": \"config\", \"file_id\": \""
                + json + "\"}], \"dry_run\": true}").post("/v1/backends/bk_1/patch").then().statusCode(200)
                .body("data.path", equalTo("/internal/backends/bk_1/patch"))
                .body("data.body.dry_run", equalTo(true))
                .body("data.body.operations[0].file_type", equalTo("application/json"));
    }

    @Test
    void addFileOfALinkFillsInTheLinksOwnFileType() {
        String link = api().body("{\"source_uri\": \"gs://models/fastvit.onnx\", \"source_kind\": \"gs\", "
                + "\"file_type\": \"onnx\"}").post("/v1/files/links").then().statusCode(201).extract().path("data.file_id");
        api().body("{\"type\": \"add-file\", \"vertex_id\": \"2\", \"slot\": \"weights\", \"file_id\": \"" + link
                + "\"}").post("/v1/backends/bk_1/operations").then().statusCode(200)
                .body("data.body.file_id", equalTo(link))
                .body("data.body.file_type", equalTo("onnx"));
    }

    @Test
    void addFileWithAnEmptyFileIdIsAClearAndPassesThrough() {
        api().body("{\"type\": \"add-file\", \"vertex_id\": \"2\", \"slot\": \"weights\", \"file_id\": \"\"}")
                .post("/v1/backends/bk_1/operations").then().statusCode(200)
                .body("data.body.file_id", equalTo(""))
                .body("data.body", not(hasKey("file_type")));
    }

    @Test
    void addFileOfAnUnknownOrForeignFileIs404NamingFileId() {
        String other = "pt_" + Ids.next("x");
        workspaces.addToken(workspaces.ensure("other-" + other).id, other);
        String foreign = upload(other, "theirs.bin", "application/octet-stream");

        for (String fileId : new String[] { "fl_doesnotexist", foreign }) {
            api().body("{\"type\": \"add-file\", \"vertex_id\": \"2\", \"slot\": \"weights\", \"file_id\": \"" + fileId + "\"}")
                    .post("/v1/backends/bk_1/operations").then().statusCode(404)
                    .contentType("application/problem+json").body("field", equalTo("file_id"))
                    .body("title", equalTo("Not found"));
        }
        api().body("{\"operations\": [{\"type\": \"add-vertex\", \"version_id\": \"cv_1\"}, {\"type\": \"add-file\", "
                + "\"vertex_id\": \"1\", \"slot\": \"weights\", \"file_id\": \"" + foreign + "\"}]}")
                .post("/v1/backends/bk_1/patch").then().statusCode(404).body("field", equalTo("operations[1].file_id"));
        api().body("{\"type\": \"add-file\", \"vertex_id\": \"2\", \"slot\": \"weights\", \"file_id\": 12}")
                .post("/v1/backends/bk_1/operations").then().statusCode(400).body("field", equalTo("file_id"));
    }

    @Test
    void theOperationsServicesRefusalsPassThroughUnchanged() {
        api().body("{\"type\": \"change-parameter\", \"vertex_id\": \"2\", \"name\": \"t\", \"value_type\": \"Double\", "
                + "\"value\": \"1\"}").post("/v1/backends/bk_problem-422/operations").then().statusCode(422)
                .contentType("application/problem+json")
                .body("title", equalTo("Refused"))
                .body("detail", equalTo("refused by the stand-in operations-service"))
                .body("field", equalTo("operations[1].value"))
                .body("expected", equalTo("a Double literal"));
        api().queryParam("at_seq", 1).get("/v1/backends/bk_problem-410").then().statusCode(410)
                .body("field", equalTo("operations[1].value"));
    }

    @Test
    void getPassesAtSeqOnAndRefusesOneThatIsNotANumber() {
        api().queryParam("at_seq", 3).get("/v1/backends/bk_1").then().statusCode(200)
                .body("data.path", equalTo("/internal/backends/bk_1")).body("data.query", equalTo("at_seq=3"));
        api().get("/v1/backends/bk_1").then().statusCode(200).body("data.query", nullValue());
        api().queryParam("at_seq", "latest").get("/v1/backends/bk_1").then().statusCode(400)
                .body("field", equalTo("at_seq"));
        api().queryParam("at_seq", "-1").get("/v1/backends/bk_1").then().statusCode(400)
                .body("field", equalTo("at_seq"));
    }

    @Test
    void theLogIsAListWithOffsetAndLimitPassedOn() {
        api().queryParam("offset", 10).queryParam("limit", 5).get("/v1/backends/bk_1/operations").then().statusCode(200)
                .body("path", equalTo("/internal/backends/bk_1/operations"))
                .body("query", equalTo("offset=10&limit=5"));
        api().queryParam("limit", "ten").get("/v1/backends/bk_1/operations").then().statusCode(400)
                .body("field", equalTo("limit"));
    }

    @Test
    void undoCompactAndDeleteArePassedOn() {
        api().body("{\"count\": 2}").post("/v1/backends/bk_1/undo").then().statusCode(200)
                .body("data.path", equalTo("/internal/backends/bk_1/undo")).body("data.body.count", equalTo(2));
        given().auth().oauth2(TOKEN).post("/v1/backends/bk_1/compact").then().statusCode(200)
                .body("data.path", equalTo("/internal/backends/bk_1/compact"));
        api().delete("/v1/backends/bk_1").then().statusCode(204);
        api().delete("/v1/backends/bk_problem-404").then().statusCode(404).contentType("application/problem+json");
    }

    private static String upload(String token, String name, String mediaType) {
        return given().auth().oauth2(token).queryParam("name", name).contentType(mediaType).body(new byte[] { 1, 2, 3 })
                .post("/v1/files").then().statusCode(201).extract().path("data.file_id");
    }
}
