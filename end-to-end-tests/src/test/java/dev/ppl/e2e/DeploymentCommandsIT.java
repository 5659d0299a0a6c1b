package dev.ppl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.e2e.LocalPlatformHarness.Run;

/**
 * Deployments by hand on the real local platform: {@code ppl runtime list}, {@code ppl container logs},
 * {@code ppl backend undeploy} and {@code deploy}, a deployment of a lease's backend belonging to that lease.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeploymentCommandsIT {
    private final LocalPlatformHarness platform = new LocalPlatformHarness();
    private String leaseId;

    @BeforeAll
    void startThePlatform() {
        platform.up().assertExit(0);
    }

    @AfterAll
    void stopThePlatform() {
        platform.down().assertExit(0);
        if (leaseId != null) {
            assertThat(LocalPlatformHarness.processesOfLease(leaseId)).isEmpty();
        }
        platform.deleteHome();
    }

    @Test
    void aBackendIsUndeployedAndDeployedAgainByHandAndItsContainerLogsAreShown() throws IOException {
        assertThat(platform.ppl(platform.repo, "runtime", "list").assertExit(0).json().get("items"))
                .extracting(r -> r.get("id").asText()).contains("local");

        Run run = platform.ppl(platform.uppercase(), "lease", "run", "--test=tests/live-test.yml", "--runtime=local",
                "--keep-lease").assertExit(0);
        leaseId = run.first("lease_created").get("lease_id").asText();
        String backendId = run.first("backend_created").get("backend_id").asText();
        String deploymentId = run.first("deploy_started").get("deployment_id").asText();
        String workspace = lease().get("workspace_id").asText();
        String containerId = JsonCodec.mapper().readTree(platform.internal(3, "/internal/deployments/" + deploymentId,
                workspace).body()).at("/containers/0/container_id").asText();

        Run logs = platform.ppl(platform.repo, "container", "logs", containerId).assertExit(0);
        assertThat(logs.stdout()).isNotBlank();
        Run last = platform.ppl(platform.repo, "container", "logs", containerId, "--tail", "1").assertExit(0);
        assertThat(last.stdout().strip().lines()).hasSize(1);
        assertThat(platform.ppl(platform.repo, "container", "logs", "ct_nothere").exitCode()).isEqualTo(3);

        JsonNode undeployed = platform.ppl(platform.repo, "backend", "undeploy", "--backend", backendId).assertExit(0)
                .json().get("data");
        assertThat(undeployed.get("undeployed")).extracting(JsonNode::asText).containsExactly(deploymentId);
        assertThat(LocalPlatformHarness.processesOfLease(leaseId)).isEmpty();

        Run unknown = platform.ppl(platform.repo, "backend", "deploy", "--backend", backendId, "--runtime", "nowhere");
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.stderr()).contains("runtime").contains("nowhere");

        JsonNode again = platform.ppl(platform.repo, "backend", "deploy", "--backend", backendId, "--runtime", "local")
                .assertExit(0).json().get("data");
        assertThat(again.get("lease_id").asText()).isEqualTo(leaseId);
        String second = again.get("deployment_id").asText();
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(JsonCodec.mapper().readTree(
                platform.internal(3, "/internal/deployments/" + second, workspace).body()).get("status").asText())
                .isIn("running", "stable"));
        assertThat(LocalPlatformHarness.processesOfLease(leaseId)).isNotEmpty();

        assertThat(platform.post("/v1/leases/" + leaseId + "/rollback", "{}").statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(lease().get("state").asText()).isEqualTo("rolled_back"));
        assertThat(LocalPlatformHarness.processesOfLease(leaseId)).isEmpty();
        assertThat(JsonCodec.mapper().readTree(platform.internal(3, "/internal/deployments/" + second, workspace).body())
                .get("status").asText()).isEqualTo("stopped");
    }

    @Test
    void aFileBoundToASlotReachesTheComponentThroughTheGatewaysSignedUrl() throws IOException {
        var published = platform.post("/v1/components/versions", """
                {"descriptor": {"name": "notes-reader", "version": "1.0.0",
                  "inputs": [{"name": "text", "type": "String"}], "outputs": [{"name": "text", "type": "String"}],
                  "file_schema": {"notes": {"types": ["text/plain"]}},
                  "local": {"command": ["sh", "-c", "echo \\"notes: $(cat \\"$PPL_FILES_DIR/notes\\")\\"; exec sleep 300"]}},
                 "prerelease": true}""");
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        String version = JsonCodec.mapper().readTree(published.body()).at("/data/id").asText();
        String fileId = platform.upload("notes.txt", "text/plain", "read me first".getBytes(StandardCharsets.UTF_8));

        String backendId = ok("backend", "create", "--name", "files").at("/data/backend_id").asText();
        String vertex = ok("backend", "add-vertex", backendId, "--version", version).at("/data/vertex_id").asText();
        ok("backend", "add-file", backendId, "--vertex", vertex, "--slot", "notes", "--file", fileId);
        JsonNode deployed = ok("backend", "deploy", "--backend", backendId, "--runtime", "local").get("data");
        String containerId = deployed.at("/containers/0/container_id").asText();

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                platform.ppl(platform.repo, "container", "logs", containerId).assertExit(0).stdout())
                .contains("notes: read me first"));
        ok("backend", "undeploy", "--backend", backendId);
    }

    private JsonNode ok(String... args) {
        return platform.ppl(platform.repo, args).assertExit(0).json();
    }

    private JsonNode lease() throws IOException {
        return JsonCodec.mapper().readTree(platform.get("/v1/leases/" + leaseId).body()).get("data");
    }
}
