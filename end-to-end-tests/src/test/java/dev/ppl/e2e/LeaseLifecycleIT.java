package dev.ppl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.awaitility.Awaitility;
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
 * Leases on the real local platform: promote, commit and {@code retain_all} keep exactly what they say; a
 * rollback interrupted by killing the lease-service and the deploy-service still removes everything the lease
 * owned once they are back, and nothing of another lease; {@code ppl lease wait} ends 0 on a stable deployment
 * and 1 on a timeout or a spent crash budget.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeaseLifecycleIT {
    private static final Duration CLEANUP_AFTER_RESTART = Duration.ofSeconds(15);

    private final LocalPlatformHarness platform = new LocalPlatformHarness();
    private final List<String> leases = new ArrayList<>();
    private String workspace;

    @BeforeAll
    void startThePlatform() {
        platform.up().assertExit(0);
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
    void promoteThenRollbackKeepsExactlyThePromotedRow() throws IOException {
        Owned run = keptLiveTest();
        String fixture = run.first("file");
        assertThat(platform.post("/v1/leases/" + run.leaseId + "/promote",
                "{\"kind\":\"file\",\"id\":\"" + fixture + "\"}").statusCode()).isEqualTo(200);

        rollback(run.leaseId);
        awaitState(run.leaseId, "rolled_back");
        assertThat(platform.get("/v1/files/" + fixture).statusCode()).isEqualTo(200);
        assertGone(run);
    }

    @Test
    @Order(2)
    void collectOutputsSavesTheManifestsOutputFilesAndTheyOutliveTheRollback() throws IOException {
        Owned run = keptLiveTest();
        Run collected = platform.ppl(platform.repo, "lease", "collect-outputs", run.leaseId).assertExit(0);
        JsonNode report = collected.json().at("/data/items/0");
        assertThat(report.get("name").asText()).isEqualTo("report");
        assertThat(report.get("key").asText()).isEqualTo("report.json");
        String fileId = report.get("file_id").asText();

        rollback(run.leaseId);
        awaitState(run.leaseId, "rolled_back");
        assertThat(platform.get("/v1/files/" + fileId + "/content").body()).isEqualTo("{\"shouted\":1}");
        assertGone(run);
        assertThat(platform.ppl(platform.repo, "lease", "collect-outputs", run.leaseId).exitCode()).isEqualTo(3);
    }

    @Test
    @Order(3)
    void commitKeepsEverythingTheLeaseOwned() throws IOException {
        Owned run = keptLiveTest();
        assertThat(platform.post("/v1/leases/" + run.leaseId + "/commit", "{}").statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(lease(run.leaseId)
                .get("released_by")).extracting(JsonNode::asText).containsExactlyInAnyOrder("operations", "deploy",
                        "gateway"));
        assertThat(lease(run.leaseId).get("state").asText()).isEqualTo("committed");
        assertThat(platform.post("/v1/leases/" + run.leaseId + "/rollback", "{}").statusCode()).isEqualTo(200);
        assertThat(lease(run.leaseId).get("state").asText()).isEqualTo("committed");

        assertThat(platform.get("/v1/backends/" + run.first("backend")).statusCode()).isEqualTo(200);
        assertThat(platform.internal(1, "/internal/versions/" + run.first("version"), workspace).statusCode())
                .isEqualTo(200);
        assertThat(platform.get("/v1/files/" + run.first("file")).statusCode()).isEqualTo(200);
        JsonNode deployment = JsonCodec.mapper()
                .readTree(platform.internal(3, "/internal/deployments/" + run.first("deployment"), workspace).body());
        assertThat(deployment.get("status").asText()).isIn("running", "stable");
        assertThat(LocalPlatformHarness.processesOfLease(run.leaseId)).isNotEmpty();

        // Kept for good means the janitor leaves it alone too; the test removes it itself.
        assertThat(platform.internalDelete(3, "/internal/deployments/" + run.first("deployment"), workspace))
                .isEqualTo(204);
        assertThat(LocalPlatformHarness.processesOfLease(run.leaseId)).isEmpty();
    }

    @Test
    @Order(4)
    void retainAllClosesWithoutDeleting() throws IOException {
        JsonNode opened = JsonCodec.mapper().readTree(platform.post("/v1/leases",
                "{\"cleanup_policy\":\"retain_all\",\"label\":\"retain\"}").body()).get("data");
        String leaseId = opened.get("lease_id").asText();
        leases.add(leaseId);
        JsonNode backend = JsonCodec.mapper().readTree(platform.post("/v1/backends",
                "{\"name\":\"kept\",\"lease_id\":\"" + leaseId + "\"}").body()).get("data");
        String backendId = backend.get("backend_id").asText();
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> lease(leaseId).get("resources").size() == 1);

        rollback(leaseId);
        awaitState(leaseId, "rolled_back");
        assertThat(platform.get("/v1/backends/" + backendId).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void aRollbackInterruptedByKillingTheLeaseAndDeployServicesCompletesWhenTheyComeBack() throws Exception {
        Owned other = keptLiveTest();
        Owned doomed = keptLiveTest();

        rollback(doomed.leaseId);
        platform.kill9("lease-service");
        platform.kill9("deploy-service");
        platform.awaitReady(2);
        platform.awaitReady(3);
        long restarted = System.nanoTime();

        Awaitility.await().atMost(CLEANUP_AFTER_RESTART).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertGone(doomed));
        Duration took = Duration.ofNanos(System.nanoTime() - restarted);
        System.out.println("interrupted rollback: everything gone " + took.toMillis() + " ms after both services were back");
        awaitState(doomed.leaseId, "rolled_back");

        assertThat(platform.get("/v1/backends/" + other.first("backend")).statusCode()).isEqualTo(200);
        assertThat(platform.internal(1, "/internal/versions/" + other.first("version"), workspace).statusCode())
                .isEqualTo(200);
        assertThat(platform.get("/v1/files/" + other.first("file")).statusCode()).isEqualTo(200);
        assertThat(lease(other.leaseId).get("state").asText()).isEqualTo("open");
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode deployment = JsonCodec.mapper().readTree(
                    platform.internal(3, "/internal/deployments/" + other.first("deployment"), workspace).body());
            assertThat(deployment.get("status").asText()).isIn("running", "stable");
            assertThat(LocalPlatformHarness.processesOfLease(other.leaseId)).isNotEmpty();
        });
        rollback(other.leaseId);
        awaitState(other.leaseId, "rolled_back");
        assertGone(other);
    }

    @Test
    @Order(6)
    void waitExitsZeroOnceTheDeploymentIsStable() {
        Owned run = keptLiveTest();
        Run wait = platform.ppl(platform.repo, "lease", "wait", run.leaseId, "--until", "stable", "--timeout", "60s")
                .assertExit(0);
        assertThat(wait.types()).startsWith("waiting").endsWith("stable");
        rollback(run.leaseId);
        awaitState(run.leaseId, "rolled_back");
    }

    @Test
    @Order(7)
    void waitExitsOneWithTimeoutWhenNothingBecomesStableInTime() throws IOException {
        String leaseId = JsonCodec.mapper().readTree(platform.post("/v1/leases", "{\"label\":\"nothing\"}").body())
                .at("/data/lease_id").asText();
        leases.add(leaseId);
        Run wait = platform.ppl(platform.repo, "lease", "wait", leaseId, "--timeout", "2s").assertExit(1);
        assertThat(wait.types()).endsWith("timeout");
        rollback(leaseId);
    }

    @Test
    @Order(8)
    void waitExitsOneWithCrashBudgetExhaustedWhenAComponentKeepsCrashing() {
        Run run = platform.ppl(platform.repo.resolve("examples/crashy"), "lease", "run", "--test=tests/live-test.yml",
                "--runtime=local", "--keep-lease").assertExit(1);
        String leaseId = run.first("lease_created").get("lease_id").asText();
        leases.add(leaseId);

        Run wait = platform.ppl(platform.repo, "lease", "wait", leaseId, "--max-crashes", "2", "--timeout", "60s")
                .assertExit(1);
        JsonNode last = wait.events().get(wait.events().size() - 1);
        assertThat(last.get("type").asText()).isEqualTo("failed");
        assertThat(last.get("reason").asText()).isEqualTo("crash_budget_exhausted");
        assertThat(last.get("exit_code").asInt()).isEqualTo(3);
        assertThat(last.get("restarts").asInt()).isGreaterThan(2);
        rollback(leaseId);
        awaitState(leaseId, "failed");
        assertThat(LocalPlatformHarness.processesOfLease(leaseId)).isEmpty();
    }

    /** What a kept live test's lease owns, by kind. */
    private record Owned(String leaseId, Map<String, List<String>> byKind) {
        String first(String kind) {
            return byKind.get(kind).get(0);
        }
    }

    private Owned keptLiveTest() {
        Run run = platform.ppl(platform.uppercase(), "lease", "run", "--test=tests/live-test.yml", "--runtime=local",
                "--keep-lease").assertExit(0);
        String leaseId = run.first("lease_created").get("lease_id").asText();
        leases.add(leaseId);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> kinds(lease(leaseId)).keySet()
                .containsAll(List.of("backend", "version", "deployment", "file")));
        JsonNode lease = lease(leaseId);
        workspace = lease.get("workspace_id").asText();
        return new Owned(leaseId, kinds(lease));
    }

    private void assertGone(Owned run) throws IOException {
        assertThat(platform.get("/v1/backends/" + run.first("backend")).statusCode()).isEqualTo(404);
        assertThat(platform.internal(1, "/internal/versions/" + run.first("version"), workspace).statusCode())
                .isEqualTo(404);
        for (String file : run.byKind.get("file")) {
            if (!lease(run.leaseId).toString().contains("\"id\":\"" + file + "\",\"owner\":\"gateway\",\"promoted\":true")) {
                assertThat(platform.get("/v1/files/" + file).statusCode()).as("file " + file).isEqualTo(404);
            }
        }
        var deployment = platform.internal(3, "/internal/deployments/" + run.first("deployment"), workspace);
        if (deployment.statusCode() == 200) {
            assertThat(JsonCodec.mapper().readTree(deployment.body()).get("status").asText()).isEqualTo("stopped");
        } else {
            assertThat(deployment.statusCode()).isEqualTo(404);
        }
        assertThat(LocalPlatformHarness.processesOfLease(run.leaseId)).isEmpty();
    }

    private void rollback(String leaseId) {
        assertThat(platform.post("/v1/leases/" + leaseId + "/rollback", "{}").statusCode()).isEqualTo(200);
    }

    private void awaitState(String leaseId, String state) {
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(lease(leaseId).get("state").asText()).isEqualTo(state));
    }

    private JsonNode lease(String leaseId) {
        try {
            return JsonCodec.mapper().readTree(platform.get("/v1/leases/" + leaseId).body()).get("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, List<String>> kinds(JsonNode lease) {
        Map<String, List<String>> byKind = new java.util.HashMap<>();
        StreamSupport.stream(lease.get("resources").spliterator(), false).forEach(r -> byKind
                .computeIfAbsent(r.get("kind").asText(), k -> new ArrayList<>()).add(r.get("id").asText()));
        return byKind;
    }
}
