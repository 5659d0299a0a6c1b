package dev.ppl.lease.wait;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.Ids;
import dev.ppl.contracts.Topics;
import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.contracts.deploy.ContainerStatus;
import dev.ppl.contracts.deploy.ContainerStatusChanged;
import dev.ppl.contracts.deploy.DeploymentStarted;
import dev.ppl.contracts.deploy.DeploymentStatusChanged;
import dev.ppl.lease.testing.Kafka;
import dev.ppl.lease.testing.Leases;
import dev.ppl.lease.testing.UnansweringServiceResource;
import dev.ppl.local.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = UnansweringServiceResource.class, restrictToAnnotatedClass = false)
class LeaseWaitTest {
    private final String workspace = "ws_" + UUID.randomUUID();

    @Test
    void endsWithStableOnceTheDeploymentSettled() throws Exception {
        String leaseId = Leases.openId(workspace, Map.of());
        String deploymentId = Ids.next(Ids.DEPLOYMENT);
        CompletableFuture<List<JsonNode>> waited = waitFor(leaseId, "?until=stable&timeout=60s");
        Instant at = Instant.now();
        Kafka.publish(Topics.DEPLOY_EVENTS, deploymentId,
                new DeploymentStarted(deploymentId, "bk_x", 3, "local", workspace, leaseId, at));
        Kafka.publish(Topics.DEPLOY_EVENTS, deploymentId, new ContainerStatusChanged(deploymentId, "ct_1", "2", leaseId,
                ContainerStatus.RUNNING, null, 0, null, at.plusMillis(1)));
        Kafka.publish(Topics.DEPLOY_EVENTS, deploymentId,
                new DeploymentStatusChanged(deploymentId, leaseId, "running", null, null, at.plusMillis(2)));
        Kafka.publish(Topics.DEPLOY_EVENTS, deploymentId,
                new DeploymentStatusChanged(deploymentId, leaseId, "stable", null, null, at.plusMillis(3)));

        List<JsonNode> lines = waited.get(60, TimeUnit.SECONDS);
        assertThat(lines.get(0).path("type").asText()).isEqualTo("waiting");
        assertThat(lines.stream().map(l -> l.path("type").asText())).contains("deployment", "container");
        JsonNode last = lines.get(lines.size() - 1);
        assertThat(last.path("type").asText()).isEqualTo("stable");
        assertThat(last.path("deployment_id").asText()).isEqualTo(deploymentId);
    }

    @Test
    void endsWithStartedFromTheCurrentStateWhenTheDeploymentAlreadyRuns() throws Exception {
        String leaseId = Leases.openId(workspace, Map.of());
        String deploymentId = Ids.next(Ids.DEPLOYMENT);
        Instant at = Instant.now();
        Kafka.publish(Topics.DEPLOY_EVENTS, deploymentId,
                new DeploymentStarted(deploymentId, "bk_x", 3, "local", workspace, leaseId, at));
        Kafka.publish(Topics.DEPLOY_EVENTS, deploymentId,
                new DeploymentStatusChanged(deploymentId, leaseId, "running", null, null, at.plusMillis(2)));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .header("X-Ppl-Workspace", workspace).get("/internal/leases/" + leaseId + "/debug").then()
                .body("deployment.status", equalTo("running")));

        List<JsonNode> lines = waitFor(leaseId, "?until=started&timeout=30s").get(30, TimeUnit.SECONDS);
        assertThat(lines.get(lines.size() - 1).path("type").asText()).isEqualTo("started");
    }

    @Test
    void endsWithTimeoutWhenNothingHappensInTime() throws Exception {
        String leaseId = Leases.openId(workspace, Map.of());
        List<JsonNode> lines = waitFor(leaseId, "?timeout=1s").get(30, TimeUnit.SECONDS);
        JsonNode last = lines.get(lines.size() - 1);
        assertThat(last.path("type").asText()).isEqualTo("timeout");
        assertThat(last.path("last_status").asText()).isEqualTo("no deployment yet");
        assertThat(last.path("waited_ms").asLong()).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void endsFailedWithCrashBudgetExhaustedWhenAContainerRestartsMoreThanAllowed() throws Exception {
        String leaseId = Leases.openId(workspace, Map.of());
        String deploymentId = Ids.next(Ids.DEPLOYMENT);
        CompletableFuture<List<JsonNode>> waited = waitFor(leaseId, "?max_crashes=2&timeout=60s");
        Instant at = Instant.now();
        Kafka.publish(Topics.DEPLOY_EVENTS, deploymentId,
                new DeploymentStarted(deploymentId, "bk_x", 3, "local", workspace, leaseId, at));
        for (int restarts = 0; restarts <= 3; restarts++) {
            Kafka.publish(Topics.DEPLOY_EVENTS, deploymentId, new ContainerStatusChanged(deploymentId, "ct_1", "2",
                    leaseId, ContainerStatus.TERMINATED, 3, restarts, "exited with code 3", at.plusMillis(1 + restarts)));
        }
        List<JsonNode> lines = waited.get(60, TimeUnit.SECONDS);
        JsonNode last = lines.get(lines.size() - 1);
        assertThat(last.path("type").asText()).isEqualTo("failed");
        assertThat(last.path("reason").asText()).isEqualTo("crash_budget_exhausted");
        assertThat(last.path("restarts").asInt()).isEqualTo(3);
        assertThat(last.path("exit_code").asInt()).isEqualTo(3);
        assertThat(last.path("container_id").asText()).isEqualTo("ct_1");
    }

    @Test
    void endsFailedWhenTheDeploymentFailsOrTheLeaseCloses() throws Exception {
        String leaseId = Leases.openId(workspace, Map.of());
        String deploymentId = Ids.next(Ids.DEPLOYMENT);
        CompletableFuture<List<JsonNode>> waited = waitFor(leaseId, "?timeout=60s");
        Kafka.publish(Topics.DEPLOY_EVENTS, deploymentId, new DeploymentStatusChanged(deploymentId, leaseId, "failed",
                "container ct_1 (vertex 2) crashed 11 times; last exit code 3", 3, Instant.now()));
        JsonNode last = last(waited.get(60, TimeUnit.SECONDS));
        assertThat(last.path("reason").asText()).isEqualTo("deployment_failed");
        assertThat(last.path("message").asText()).contains("crashed 11 times");

        String closing = Leases.openId(workspace, Map.of());
        CompletableFuture<List<JsonNode>> closed = waitFor(closing, "?timeout=60s");
        Leases.rollback(workspace, closing).statusCode(200);
        assertThat(last(closed.get(60, TimeUnit.SECONDS)).path("reason").asText()).isEqualTo("lease_closed");
    }

    @Test
    void refusesBadParametersAndAnUnknownLeaseBeforeStreaming() {
        String leaseId = Leases.openId(workspace, Map.of());
        given().header("X-Ppl-Workspace", workspace).get("/internal/leases/" + leaseId + "/wait?until=soon").then()
                .statusCode(400).body("field", equalTo("until"));
        given().header("X-Ppl-Workspace", workspace).get("/internal/leases/" + leaseId + "/wait?max_crashes=-1").then()
                .statusCode(400).body("field", equalTo("max_crashes"));
        given().header("X-Ppl-Workspace", workspace).get("/internal/leases/" + leaseId + "/wait?timeout=later").then()
                .statusCode(400).body("field", equalTo("timeout"));
        given().header("X-Ppl-Workspace", workspace).get("/internal/leases/ls_nope/wait").then().statusCode(404);
    }

    private static JsonNode last(List<JsonNode> lines) {
        return lines.get(lines.size() - 1);
    }

    /** Starts the wait and answers its lines once the stream ends; returns after the first line arrived. */
    private CompletableFuture<List<JsonNode>> waitFor(String leaseId, String query) {
        int port = io.restassured.RestAssured.port;
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/internal/leases/"
                + leaseId + "/wait" + query)).header("X-Ppl-Workspace", workspace).build();
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<List<JsonNode>> lines = CompletableFuture.supplyAsync(() -> {
            try {
                HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request,
                        HttpResponse.BodyHandlers.ofInputStream());
                assertThat(response.statusCode()).isEqualTo(200);
                List<JsonNode> out = new java.util.ArrayList<>();
                try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        if (!line.isBlank()) {
                            out.add(JsonCodec.mapper().readTree(line));
                            first.complete(null);
                        }
                    }
                }
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                first.complete(null);
            }
        });
        first.orTimeout(30, TimeUnit.SECONDS).join();
        return lines;
    }
}
