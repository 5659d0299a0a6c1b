package dev.ppl.lease.livetest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.lease.testing.Leases;
import dev.ppl.lease.testing.UnansweringServiceResource;
import dev.ppl.local.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The live-test endpoint without the other services: its refusals, and its stream against an
 * operations-service that does not answer (see {@link UnansweringServiceResource}, 2s call timeout).
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = UnansweringServiceResource.class, restrictToAnnotatedClass = false)
class LiveTestStreamTest {
    private final String workspace = "ws_" + UUID.randomUUID();
    private final String start = StartLiveTestReaderTest.start("cv_missing", StartLiveTestReaderTest.GRAPH);

    @Test
    void streamsEachEventAsItHappensAndEndsWithAFailureOfTheStepThatCouldNotComplete()
            throws IOException, InterruptedException {
        String leaseId = Leases.openId(workspace, Map.of("label", "stream"));
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/internal/leases/" + leaseId
                + "/live-test"))
                .header("X-Ppl-Workspace", workspace).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(start)).build();

        long sent = System.nanoTime();
        HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/x-ndjson"));
        Iterator<String> lines = response.body().iterator();
        JsonNode first = JsonCodec.mapper().readTree(lines.next());
        Duration firstAfter = Duration.ofNanos(System.nanoTime() - sent);
        List<JsonNode> rest = new ArrayList<>();
        while (lines.hasNext()) {
            rest.add(JsonCodec.mapper().readTree(lines.next()));
        }
        Duration endAfter = Duration.ofNanos(System.nanoTime() - sent);

        assertThat(first.get("type").asText()).isEqualTo("lease_created");
        assertThat(first.get("lease_id").asText()).isEqualTo(leaseId);
        assertThat(first.get("runtime").asText()).isEqualTo("local");
        assertThat(first.get("label").asText()).isEqualTo("stream");
        assertThat(first.hasNonNull("expires_at")).isTrue();
        // Streamed, not buffered: lease_created arrived while the cut version lookup was still waiting out
        // its 2 s timeout. A gap, not an upper bound, so a loaded machine delays both lines alike.
        assertThat(endAfter).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(endAfter.minus(firstAfter)).as("lease_created is sent before the cut version lookup times out")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1000));
        assertThat(rest).hasSize(1);
        assertThat(rest.get(0).get("type").asText()).isEqualTo("failed");
        assertThat(rest.get(0).get("stage").asText()).isEqualTo("release");
        assertThat(rest.get(0).get("error").asText())
                .startsWith("look up cut version cv_missing: the operations-service did not answer");
    }

    @Test
    void refusesAnInvalidStartNamingTheField() {
        String leaseId = Leases.openId(workspace, Map.of());
        String withoutCut = StartLiveTestReaderTest.start(null, StartLiveTestReaderTest.GRAPH);
        given().header("X-Ppl-Workspace", workspace).contentType(ContentType.JSON).body(withoutCut)
                .post("/internal/leases/" + leaseId + "/live-test").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("field", equalTo("cut_version_id"));
    }

    @Test
    void refusesALiveTestOnAClosedLease() {
        String leaseId = Leases.openId(workspace, Map.of());
        Leases.commit(workspace, leaseId).statusCode(200);
        given().header("X-Ppl-Workspace", workspace).contentType(ContentType.JSON).body(start)
                .post("/internal/leases/" + leaseId + "/live-test").then().statusCode(409)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void aLeaseOfAnotherWorkspaceIsNotFound() {
        String leaseId = Leases.openId(workspace, Map.of());
        given().header("X-Ppl-Workspace", "ws_other").contentType(ContentType.JSON).body(start)
                .post("/internal/leases/" + leaseId + "/live-test").then().statusCode(404);
    }
}
