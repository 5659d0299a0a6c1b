package dev.ppl.lease.lease;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.ppl.contracts.Ids;
import dev.ppl.contracts.Topics;
import dev.ppl.contracts.codec.Message;
import dev.ppl.contracts.deploy.ContainerStatus;
import dev.ppl.contracts.deploy.ContainerStatusChanged;
import dev.ppl.contracts.deploy.DeploymentStarted;
import dev.ppl.contracts.files.FileStored;
import dev.ppl.contracts.lease.LeaseOpened;
import dev.ppl.contracts.lease.LeaseResourcePromoted;
import dev.ppl.contracts.lease.LeaseResourcesReleased;
import dev.ppl.contracts.lease.LeaseRolledBack;
import dev.ppl.lease.testing.Kafka;
import dev.ppl.lease.testing.Leases;
import dev.ppl.lease.testing.UnansweringServiceResource;
import dev.ppl.local.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = UnansweringServiceResource.class, restrictToAnnotatedClass = false)
class LeaseVerbsTest {
    private final String workspace = "ws_" + UUID.randomUUID();

    @Test
    void aPromotedRowIsMarkedAndItsPromotionReachesTheOwnersBeforeTheClose() {
        String leaseId = Leases.openId(workspace, Map.of());
        String kept = file(leaseId);
        String discarded = file(leaseId);
        awaitOwned(leaseId, 2);

        Leases.promote(workspace, leaseId, "file", kept).statusCode(200)
                .body("resources.find { it.id == '" + kept + "' }.promoted", equalTo(true))
                .body("resources.find { it.id == '" + discarded + "' }.promoted", equalTo(false));
        Leases.promote(workspace, leaseId, "file", kept).statusCode(200);
        Leases.rollback(workspace, leaseId).statusCode(200);

        List<Message> events = Kafka.keyed(Topics.LEASE_EVENTS, leaseId, LeaseRolledBack.class);
        assertThat(events).hasSize(3);
        assertThat(events.get(0)).isInstanceOf(LeaseOpened.class);
        assertThat(events.get(1)).isEqualTo(new LeaseResourcePromoted(leaseId, workspace, "file", kept,
                ((LeaseResourcePromoted) events.get(1)).promotedAt()));
        assertThat(events.get(2)).isInstanceOf(LeaseRolledBack.class);
    }

    @Test
    void promotionIsRefusedOnAClosedLeaseForARowTheLeaseDoesNotOwnAndForAnUnknownKind() {
        String leaseId = Leases.openId(workspace, Map.of());
        String owned = file(leaseId);
        awaitOwned(leaseId, 1);
        Leases.promote(workspace, leaseId, "file", "fl_notinthislease").statusCode(404);
        Leases.promote(workspace, leaseId, "component", owned).statusCode(400).body("field", equalTo("kind"));
        Leases.post(workspace, "/" + leaseId + "/promote", Map.of("kind", "file")).statusCode(400)
                .body("field", equalTo("id"));
        Leases.commit(workspace, leaseId).statusCode(200);
        Leases.promote(workspace, leaseId, "file", owned).statusCode(409).body("field", equalTo("lease_id"));
        Leases.get(workspace, leaseId).body("resources[0].promoted", equalTo(false));
    }

    @Test
    void bulkRollbackRefusesAnEmptyFilterAndChangesNothing() {
        String leaseId = Leases.openId(workspace, Map.of("label", "nightly-a"));
        Leases.post(workspace, "/rollback-bulk", Map.of()).statusCode(400).body("field", equalTo("filter"));
        Leases.post(workspace, "/rollback-bulk", Map.of("dry_run", true, "failed", false)).statusCode(400)
                .body("field", equalTo("filter"));
        Leases.get(workspace, leaseId).body("state", equalTo("open"));
    }

    @Test
    void bulkRollbackCombinesItsFiltersWithAndAndADryRunClosesNothing() {
        String nightlyLocal = Leases.openId(workspace, Map.of("label", "nightly-1", "runtime", "local"));
        String nightlyK8s = Leases.openId(workspace, Map.of("label", "nightly-2", "runtime", "k8s-a"));
        String otherLocal = Leases.openId(workspace, Map.of("label", "weekly-1", "runtime", "local"));
        Map<String, Object> filter = Map.of("label_prefix", "nightly-", "runtime", "local");

        Leases.post(workspace, "/rollback-bulk", withDryRun(filter)).statusCode(200).body("dry_run", equalTo(true))
                .body("count", equalTo(1)).body("items.lease_id", containsInAnyOrder(nightlyLocal));
        Leases.get(workspace, nightlyLocal).body("state", equalTo("open"));

        Leases.post(workspace, "/rollback-bulk", filter).statusCode(200).body("dry_run", equalTo(false))
                .body("items.lease_id", containsInAnyOrder(nightlyLocal))
                .body("items[0].state", equalTo("rolling_back")).body("items[0].close_reason", equalTo("bulk"));
        Leases.get(workspace, nightlyK8s).body("state", equalTo("open"));
        Leases.get(workspace, otherLocal).body("state", equalTo("open"));

        String old = Leases.openId(workspace, Map.of("label", "old"));
        Leases.post(workspace, "/rollback-bulk", Map.of("older_than", "1h")).statusCode(200).body("count", equalTo(0));
        Leases.post(workspace, "/rollback-bulk", Map.of("older_than", "1ms", "label_prefix", "old")).statusCode(200)
                .body("items.lease_id", containsInAnyOrder(old));
        Leases.post(workspace, "/rollback-bulk", Map.of("older_than", "yesterday")).statusCode(400)
                .body("field", equalTo("older_than"));
    }

    @Test
    void bulkRollbackOfFailedLeasesTakesThoseWhoseResultFailedAndTheyEndFailed() {
        String failed = Leases.openId(workspace, Map.of());
        String passed = Leases.openId(workspace, Map.of());
        result(failed, "failed").statusCode(200).body("result_status", equalTo("failed"))
                .body("result.case", equalTo("shouts"));
        result(passed, "passed").statusCode(200);

        Leases.post(workspace, "/rollback-bulk", Map.of("failed", true)).statusCode(200)
                .body("items.lease_id", containsInAnyOrder(failed));
        releaseByEveryOwner(failed);
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> Leases.get(workspace, failed).body("state", equalTo("failed")));
        Leases.get(workspace, passed).body("state", equalTo("open"));
        given().header("X-Ppl-Workspace", workspace).queryParam("failed", true).get("/internal/leases").then()
                .body("items.lease_id", containsInAnyOrder(failed));
        given().header("X-Ppl-Workspace", workspace).queryParam("failed", "yes").get("/internal/leases").then()
                .statusCode(400).body("field", equalTo("failed"));
    }

    @Test
    void setResultRefusesAStatusOrAResultItCannotKeep() {
        String leaseId = Leases.openId(workspace, Map.of());
        given().header("X-Ppl-Workspace", workspace).contentType(ContentType.JSON)
                .body(Map.of("status", "flaky", "result", Map.of())).put("/internal/leases/" + leaseId + "/result")
                .then().statusCode(400).body("field", equalTo("status"));
        given().header("X-Ppl-Workspace", workspace).contentType(ContentType.JSON)
                .body("{\"status\":\"passed\",\"result\":[1]}").put("/internal/leases/" + leaseId + "/result")
                .then().statusCode(400).body("field", equalTo("result"));
        Leases.get(workspace, leaseId).body("result_status", nullValue());
    }

    @Test
    void deleteBulkNeverDeletesAnOpenLeaseAndRefusesAnEmptyFilterOrAnOpenStatus() {
        String open = Leases.openId(workspace, Map.of("label", "purge"));
        String committed = Leases.openId(workspace, Map.of("label", "purge"));
        Leases.commit(workspace, committed).statusCode(200);

        Leases.post(workspace, "/delete-bulk", Map.of()).statusCode(400).body("field", equalTo("filter"));
        Leases.post(workspace, "/delete-bulk", Map.of("status", "open")).statusCode(400).body("field", equalTo("status"));
        Leases.post(workspace, "/delete-bulk", Map.of("older_than", "1ms", "dry_run", true)).statusCode(200)
                .body("items.lease_id", containsInAnyOrder(committed));
        Leases.get(workspace, committed).statusCode(200);

        Leases.post(workspace, "/delete-bulk", Map.of("closed_before", "1ms")).statusCode(200)
                .body("items.lease_id", containsInAnyOrder(committed));
        Leases.get(workspace, committed).statusCode(404);
        Leases.get(workspace, open).statusCode(200).body("state", equalTo("open"));
        Leases.post(workspace, "/delete-bulk", Map.of("status", "committed", "closed_before", "1h")).statusCode(200)
                .body("count", equalTo(0));
    }

    @Test
    void deleteTakesOnlyASettledLease() {
        String leaseId = Leases.openId(workspace, Map.of());
        given().header("X-Ppl-Workspace", workspace).delete("/internal/leases/" + leaseId).then().statusCode(409);
        Leases.rollback(workspace, leaseId).statusCode(200);
        given().header("X-Ppl-Workspace", workspace).delete("/internal/leases/" + leaseId).then().statusCode(409);
        releaseByEveryOwner(leaseId);
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> Leases.get(workspace, leaseId).body("state", equalTo("rolled_back")));
        given().header("X-Ppl-Workspace", workspace).delete("/internal/leases/" + leaseId).then().statusCode(204);
        Leases.get(workspace, leaseId).statusCode(404);
        given().header("X-Ppl-Workspace", workspace).get("/internal/leases").then()
                .body("items.lease_id", not(hasItem(leaseId)));
    }

    @Test
    void debugBundlesTheLeaseItsDeploymentAndItsContainersAndKeepsTheResultPastTheClose() {
        String leaseId = Leases.openId(workspace, Map.of());
        String deploymentId = Ids.next(Ids.DEPLOYMENT);
        Instant at = Instant.now();
        Kafka.publish(Topics.DEPLOY_EVENTS, deploymentId,
                new DeploymentStarted(deploymentId, "bk_x", 3, "local", workspace, leaseId, at));
        Kafka.publish(Topics.DEPLOY_EVENTS, deploymentId, new ContainerStatusChanged(deploymentId, "ct_1", "2", leaseId,
                ContainerStatus.TERMINATED, 3, 1, "exited with code 3", at.plusMillis(5)));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> debug(leaseId)
                .body("deployment.containers[0].exit_code", equalTo(3)));
        debug(leaseId).body("lease.lease_id", equalTo(leaseId))
                .body("deployment.deployment_id", equalTo(deploymentId))
                .body("deployment.status", equalTo("starting"))
                .body("deployment.containers[0].status", equalTo("terminated"))
                .body("deployment.containers[0].restarts", equalTo(1))
                .body("deployment.containers[0].message", equalTo("exited with code 3"))
                .body("backend", nullValue())
                .body("errors", empty());

        result(leaseId, "failed").statusCode(200);
        Leases.rollback(workspace, leaseId).statusCode(200);
        debug(leaseId).body("result.status", equalTo("failed"))
                .body("result.result.case", equalTo("shouts"))
                .body("result.debug_bundle.deployment.containers[0].exit_code", equalTo(3))
                .body("result.debug_bundle.lease.state", equalTo("open"));
    }

    private io.restassured.response.ValidatableResponse debug(String leaseId) {
        return given().header("X-Ppl-Workspace", workspace).get("/internal/leases/" + leaseId + "/debug").then()
                .statusCode(200);
    }

    private io.restassured.response.ValidatableResponse result(String leaseId, String status) {
        return given().header("X-Ppl-Workspace", workspace).contentType(ContentType.JSON)
                .body(Map.of("status", status, "result", Map.of("case", "shouts", "actual", "HELLO")))
                .put("/internal/leases/" + leaseId + "/result").then();
    }

    private String file(String leaseId) {
        String fileId = Ids.next(Ids.FILE);
        Kafka.publish(Topics.GATEWAY_EVENTS, fileId,
                new FileStored(fileId, workspace, "fixture", "application/json", 2, leaseId, Instant.now()));
        return fileId;
    }

    private void awaitOwned(String leaseId, int rows) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> Leases.get(workspace, leaseId)
                .body("resources.size()", equalTo(rows)));
    }

    private static Map<String, Object> withDryRun(Map<String, Object> filter) {
        Map<String, Object> body = new java.util.HashMap<>(filter);
        body.put("dry_run", true);
        return body;
    }

    private static void releaseByEveryOwner(String leaseId) {
        for (String owner : LeaseResourcesReleased.OWNERS) {
            Kafka.publish(topicOf(owner), leaseId,
                    new LeaseResourcesReleased(leaseId, owner, List.of(), Instant.now()));
        }
    }

    private static String topicOf(String owner) {
        if (owner.equals("operations")) {
            return Topics.CATALOG_EVENTS;
        }
        return owner.equals("deploy") ? Topics.DEPLOY_EVENTS : Topics.GATEWAY_EVENTS;
    }
}
