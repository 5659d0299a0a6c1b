package dev.ppl.gateway.files;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.Events;
import dev.ppl.contracts.Ids;
import dev.ppl.contracts.Topics;
import dev.ppl.contracts.files.FileStored;
import dev.ppl.gateway.leases.StandInLeaseService;
import dev.ppl.local.testing.PlatformTestResource;
import dev.ppl.local.testing.TopicReader;
import dev.ppl.service.persistence.Db;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * File links (a row naming where its content lives) and the lease check every new file goes through: only an
 * open lease of the workspace may own a new file. Leases come from {@link StandInLeaseService}; Kafka and
 * PostgreSQL are real. Every refusal is checked to leave no row behind.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StandInLeaseService.class, restrictToAnnotatedClass = true)
class FileLinkTest {
    private static final String TOKEN = "pt_gatewaytesttoken";

    @ConfigProperty(name = "ppl.gateway.lease-url")
    String leaseUrl;

    private static RequestSpecification api() {
        return given().auth().oauth2(TOKEN).contentType("application/json");
    }

    private String lease(String state) {
        String id = Ids.next(Ids.LEASE);
        StandInLeaseService.putLease(leaseUrl, id, state, false);
        return id;
    }

    private static Map<String, Object> link(String uri, String kind, String type) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source_uri", uri);
        body.put("source_kind", kind);
        body.put("file_type", type);
        return body;
    }

    @Test
    void aLinkStampedWithAnOpenLeaseIsStoredShownAndAnnounced() {
        String lease = lease("open");
        Map<String, Object> body = link("s3://models/faiss/index.bin", "s3", "onnx");
        body.put("lease_id", lease);
        String fileId = api().body(body).post("/v1/files/links").then().statusCode(201)
                .body("data.file_id", startsWith(Ids.FILE))
                .body("data.name", equalTo("index.bin"))
                .body("data.source_uri", equalTo("s3://models/faiss/index.bin"))
                .body("data.source_kind", equalTo("s3"))
                .body("data.file_type", equalTo("onnx"))
                .body("data.lease_id", equalTo(lease))
                .body("data", hasKey("size")).body("data.size", nullValue())
                .extract().path("data.file_id");
        JsonNode check = StandInLeaseService.last(leaseUrl);
        assertThat(check.path("method").asText()).isEqualTo("GET");
        assertThat(check.path("path").asText()).isEqualTo("/internal/leases/" + lease);

        api().get("/v1/files/" + fileId).then().statusCode(200)
                .body("data.source_uri", equalTo("s3://models/faiss/index.bin"))
                .body("data.source_kind", equalTo("s3"))
                .body("data.file_type", equalTo("onnx"))
                .body("data.lease_id", equalTo(lease));
        api().get("/v1/files/" + fileId + "/content").then().statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("file " + fileId + " is a link to s3://models/faiss/index.bin; fetch it from there"));

        FileStored stored = TopicReader.first(Topics.GATEWAY_EVENTS, value -> Events.CODEC.decodeKnown(value)
                .filter(FileStored.class::isInstance).map(FileStored.class::cast)
                .filter(e -> e.fileId().equals(fileId)), Duration.ofSeconds(30));
        assertThat(stored.leaseId()).isEqualTo(lease);
        assertThat(stored.name()).isEqualTo("index.bin");
    }

    @Test
    void aLinkNeedsNoLeaseAndKeepsTheNameItIsGiven() {
        int calls = StandInLeaseService.received(leaseUrl).size();
        Map<String, Object> body = link("https://example.org/fixtures/cat.png", "http", "Image");
        body.put("name", "cat");
        api().body(body).post("/v1/files/links").then().statusCode(201)
                .body("data.name", equalTo("cat"))
                .body("data.source_kind", equalTo("http"))
                .body("data", hasKey("lease_id")).body("data.lease_id", nullValue());
        api().body(link("file:///var/data/weights.onnx", "local", "onnx")).post("/v1/files/links").then()
                .statusCode(201).body("data.name", equalTo("weights.onnx"));
        assertThat(StandInLeaseService.received(leaseUrl)).as("no lease to check").hasSize(calls);
    }

    @Test
    void anUploadShowsTheLinkMembersAsNull() {
        String fileId = given().auth().oauth2(TOKEN).queryParam("name", "f.json").contentType("application/json")
                .body("{}").post("/v1/files").then().statusCode(201)
                .body("data", hasKey("source_uri")).body("data.source_uri", nullValue())
                .extract().path("data.file_id");
        api().get("/v1/files/" + fileId).then().statusCode(200)
                .body("data.size", equalTo(2))
                .body("data", hasKey("source_kind")).body("data.source_kind", nullValue())
                .body("data", hasKey("file_type")).body("data.file_type", nullValue());
    }

    @Test
    void aBadLinkIsRefusedNamingTheFieldAndWritesNothing() {
        Map<Object, String> refused = new LinkedHashMap<>();
        refused.put(link("https://bucket/key", "s3", "onnx"), "source_uri");
        refused.put(link("s3://models/index.bin", "http", "onnx"), "source_uri");
        refused.put(link("https://example.org/a.png", "local", "Image"), "source_uri");
        refused.put(link("models/index.bin", "local", "onnx"), "source_uri");
        refused.put(link("s3:index.bin", "s3", "onnx"), "source_uri");
        refused.put(link("s3:///index.bin", "s3", "onnx"), "source_uri");
        refused.put(link("http://exa mple.org/a", "http", "onnx"), "source_uri");
        refused.put(link(null, "s3", "onnx"), "source_uri");
        refused.put(link("ftp://example.org/a", "ftp", "onnx"), "source_kind");
        refused.put(link("s3://models/index.bin", null, "onnx"), "source_kind");
        refused.put(link("s3://models/index.bin", "s3", null), "file_type");
        refused.put(link("s3://models/index.bin", "s3", "  "), "file_type");
        refused.put(Map.of("source_uri", "s3://models/index.bin", "source_kind", "s3", "file_type", 7), "file_type");
        refused.put(List.of("s3://models/index.bin"), "body");
        long before = files();
        int calls = StandInLeaseService.received(leaseUrl).size();
        refused.forEach((body, field) -> api().body(body).post("/v1/files/links").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo(field)));
        assertThat(files()).isEqualTo(before);
        assertThat(StandInLeaseService.received(leaseUrl)).as("bad input never reaches the lease check").hasSize(calls);

        api().body(link("s3://models/index.bin", "s3", "onnx")).post("/v1/files/links").then().statusCode(201);
        api().body(link("https://bucket/key", "s3", "onnx")).post("/v1/files/links").then()
                .body("expected", containsString("s3")).body("detail", containsString("https://bucket/key"));
    }

    @Test
    void aClosedOrUnknownLeaseCannotOwnANewFileAndNothingIsWritten() {
        long before = files();
        for (String state : new String[] { "rolling_back", "rolled_back", "committed", "failed" }) {
            String closed = lease(state);
            Map<String, Object> body = link("s3://models/index.bin", "s3", "onnx");
            body.put("lease_id", closed);
            api().body(body).post("/v1/files/links").then().statusCode(409).contentType("application/problem+json")
                    .body("field", equalTo("lease_id")).body("detail", containsString(state));
            upload(closed).then().statusCode(409).contentType("application/problem+json")
                    .body("field", equalTo("lease_id"));
        }
        Map<String, Object> body = link("s3://models/index.bin", "s3", "onnx");
        body.put("lease_id", "ls_unknown");
        api().body(body).post("/v1/files/links").then().statusCode(404).contentType("application/problem+json")
                .body("field", equalTo("lease_id")).body("detail", containsString("ls_unknown"));
        upload("ls_unknown").then().statusCode(404).body("field", equalTo("lease_id"));
        assertThat(files()).isEqualTo(before);

        String open = lease("open");
        upload(open).then().statusCode(201).body("data.lease_id", equalTo(open));
        assertThat(files()).isEqualTo(before + 1);
    }

    private static Response upload(String lease) {
        return given().auth().oauth2(TOKEN).queryParam("name", "fixture.json").queryParam("lease_id", lease)
                .contentType("application/json").body("\"x\"").post("/v1/files");
    }

    private static long files() {
        return Db.tx(() -> FileEntity.count());
    }
}
