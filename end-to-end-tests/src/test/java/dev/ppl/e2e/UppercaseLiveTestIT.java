package dev.ppl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.e2e.LocalPlatformHarness.Run;

/**
 * The walking skeleton, end to end: the uppercase live test through the CLI's code against the real
 * local platform (a real Kafka broker, a real PostgreSQL, the four services and the component as child
 * processes), and the promise that rollback leaves nothing of the run behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UppercaseLiveTestIT {
    private final LocalPlatformHarness platform = new LocalPlatformHarness();
    private final List<String> leases = new ArrayList<>();
    private String firstLease;

    @BeforeAll
    void startThePlatform() {
        Run up = platform.up().assertExit(0);
        assertThat(up.stdout()).contains("harness-gateway", "operations-service", "lease-service", "deploy-service");
    }

    @AfterAll
    void stopThePlatform() {
        platform.down().assertExit(0);
        for (String lease : leases) {
            assertThat(LocalPlatformHarness.processesOfLease(lease)).as("processes of lease " + lease).isEmpty();
        }
        platform.deleteHome();
    }

    @Test
    @Order(1)
    void theUppercaseLiveTestPassesAndRollbackRemovesEverythingTheLeaseOwned() throws IOException {
        Run run = platform.ppl(platform.uppercase(), "lease", "run", "--test=tests/live-test.yml", "--runtime=local")
                .assertExit(0);

        assertThat(run.types()).containsExactly("lease_created", "backend_created", "vertex_added", "vertex_added",
                "vertex_added", "edge_connected", "edge_connected", "param_set", "deploy_started", "container", "ready",
                "case_passed");
        assertThat(run.events().stream().filter(e -> e.get("type").asText().equals("vertex_added"))
                .map(e -> e.get("vertex_id").asText())).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(run.first("case_passed").get("actual").asText()).isEqualTo("HELLO PPL!");
        assertThat(run.first("container").get("status").asText()).isEqualTo("running");

        String leaseId = run.first("lease_created").get("lease_id").asText();
        firstLease = leaseId;
        leases.add(leaseId);
        JsonNode lease = leaseNamed(leaseId);
        assertThat(lease.get("state").asText()).isEqualTo("rolled_back");
        assertThat(lease.get("released_by")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("operations", "deploy", "gateway");

        String workspace = lease.get("workspace_id").asText();
        String backendId = run.first("backend_created").get("backend_id").asText();
        String deploymentId = run.first("deploy_started").get("deployment_id").asText();
        String cutVersion = run.events().stream()
                .filter(e -> e.get("type").asText().equals("vertex_added") && e.get("vertex").asText().equals("cut"))
                .findFirst().orElseThrow().get("version_id").asText();
        assertThat(platform.get("/v1/backends/" + backendId).statusCode()).isEqualTo(404);
        assertThat(platform.internal(1, "/internal/versions/" + cutVersion, workspace).statusCode()).isEqualTo(404);
        assertThat(JsonCodec.mapper().readTree(platform.get("/v1/leases/" + leaseId).body()).at("/data/resources"))
                .extracting(r -> r.get("kind").asText())
                .contains("backend", "version", "deployment", "file");
        for (JsonNode resource : lease.get("resources")) {
            if (resource.get("kind").asText().equals("file")) {
                assertThat(platform.get("/v1/files/" + resource.get("id").asText()).statusCode()).isEqualTo(404);
            }
        }
        JsonNode running = JsonCodec.mapper()
                .readTree(platform.internal(3, "/internal/deployments?lease_id=" + leaseId, workspace).body());
        assertThat(running.get("count").asInt()).isZero();
        var deployment = platform.internal(3, "/internal/deployments/" + deploymentId, workspace);
        if (deployment.statusCode() == 200) {
            assertThat(JsonCodec.mapper().readTree(deployment.body()).get("status").asText()).isEqualTo("stopped");
        } else {
            assertThat(deployment.statusCode()).isEqualTo(404);
        }
        assertThat(LocalPlatformHarness.processesOfLease(leaseId)).isEmpty();
        assertThat(pidFiles()).isEmpty();
    }

    @Test
    @Order(2)
    void aCaseThatExpectsTheWrongOutputFailsTheRun() {
        Path manifest = resource("wrong-expectation.yml");
        Run run = platform.ppl(platform.uppercase(), "lease", "run", "--test=" + manifest, "--runtime=local")
                .assertExit(1);

        assertThat(run.types()).contains("ready").endsWith("case_failed");
        JsonNode failed = run.first("case_failed");
        assertThat(failed.get("expected").asText()).isEqualTo("hello ppl");
        assertThat(failed.get("actual").asText()).isEqualTo("HELLO PPL!");
        String leaseId = run.first("lease_created").get("lease_id").asText();
        leases.add(leaseId);
        JsonNode lease = leaseNamed(leaseId);
        assertThat(lease.get("state").asText()).as("a rolled-back lease whose run failed").isEqualTo("failed");
        assertThat(lease.get("result_status").asText()).isEqualTo("failed");
        assertThat(LocalPlatformHarness.processesOfLease(leaseId)).isEmpty();
    }

    @Test
    @Order(3)
    void aCutVersionThatDoesNotExistFailsAtReleaseAndLeavesNothingBehind() {
        Path manifest = resource("pinned-release.yml");
        Run run = platform.ppl(platform.uppercase(), "lease", "run", "--test=" + manifest, "--runtime=local",
                "--cut-version-id=cv_doesnotexist").assertExit(1);

        JsonNode failed = run.first("failed");
        assertThat(failed.get("stage").asText()).isEqualTo("release");
        assertThat(failed.get("error").asText()).contains("cv_doesnotexist");
        assertThat(run.types()).doesNotContain("backend_created", "deploy_started", "ready");
        String leaseId = run.first("lease_created").get("lease_id").asText();
        leases.add(leaseId);
        JsonNode lease = leaseNamed(leaseId);
        assertThat(lease.get("state").asText()).isEqualTo("failed");
        assertThat(lease.at("/result/stage").asText()).isEqualTo("release");
        assertThat(lease.get("resources")).extracting(r -> r.get("kind").asText()).containsOnly("file");
        for (JsonNode resource : lease.get("resources")) {
            assertThat(platform.get("/v1/files/" + resource.get("id").asText()).statusCode()).isEqualTo(404);
        }
    }

    @Test
    @Order(4)
    void theApiRefusesACallWithoutATokenOrWithAnUnknownOne() {
        var none = platform.get("/v1/leases", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(platform.get("/v1/leases", "pt_notatoken").statusCode()).isEqualTo(401);
    }

    @Test
    @Order(5)
    void restartingThePlatformKeepsItsLeases() {
        platform.down().assertExit(0);
        platform.up().assertExit(0);

        Run list = platform.ppl(platform.repo, "lease", "list").assertExit(0);
        assertThat(list.stdout()).contains(firstLease);
    }

    private JsonNode leaseNamed(String leaseId) {
        Run get = platform.ppl(platform.repo, "lease", "get", leaseId).assertExit(0);
        try {
            return JsonCodec.mapper().readTree(get.stdout()).get("data");
        } catch (IOException e) {
            throw new AssertionError(get.stdout(), e);
        }
    }

    private List<Path> pidFiles() throws IOException {
        Path processes = platform.dataDir().resolve("deploy/processes");
        if (!Files.isDirectory(processes)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(processes)) {
            return files.toList();
        }
    }

    private static Path resource(String name) {
        try {
            return Path.of(UppercaseLiveTestIT.class.getResource(name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
