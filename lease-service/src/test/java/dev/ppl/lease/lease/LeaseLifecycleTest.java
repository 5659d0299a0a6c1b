package dev.ppl.lease.lease;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.ppl.contracts.Topics;
import dev.ppl.contracts.lease.CleanupPolicy;
import dev.ppl.contracts.lease.LeaseCommitted;
import dev.ppl.contracts.lease.LeaseOpened;
import dev.ppl.contracts.lease.LeaseResourcesReleased;
import dev.ppl.contracts.lease.LeaseRolledBack;
import dev.ppl.lease.testing.Kafka;
import dev.ppl.lease.testing.Leases;
import dev.ppl.lease.testing.UnansweringServiceResource;
import dev.ppl.local.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = UnansweringServiceResource.class, restrictToAnnotatedClass = false)
class LeaseLifecycleTest {
    private final String workspace = "ws_" + UUID.randomUUID();

    @Test
    void opensALeaseWithTheDefaultsAndAnnouncesIt() {
        String label = "defaults-" + UUID.randomUUID();
        var body = Leases.open(workspace, Map.of("label", label)).statusCode(201)
                .body("state", equalTo("open"))
                .body("runtime", equalTo("local"))
                .body("workspace_id", equalTo(workspace))
                .body("label", equalTo(label))
                .body("ttl_seconds", equalTo(1800))
                .body("cleanup_policy", equalTo("delete_ephemeral_resources"))
                .body("closed_at", nullValue())
                .body("resources", empty())
                .body("released_by", empty())
                .extract();
        String leaseId = body.path("lease_id");
        assertThat(leaseId).startsWith("ls_");
        Instant created = Instant.parse(body.path("created_at"));
        assertThat(Instant.parse(body.<String> path("expires_at"))).isEqualTo(created.plus(Duration.ofMinutes(30)));
        Leases.get(workspace, leaseId).statusCode(200).body("expires_at", equalTo(body.path("expires_at")));

        LeaseOpened opened = Kafka.await(Topics.LEASE_EVENTS, leaseId, LeaseOpened.class, e -> true);
        assertThat(opened.workspaceId()).isEqualTo(workspace);
        assertThat(opened.ttlSeconds()).isEqualTo(1800);
        assertThat(opened.cleanupPolicy()).isEqualTo(CleanupPolicy.DELETE_EPHEMERAL_RESOURCES);
    }

    @Test
    void capsATtlLongerThanTheMaximum() {
        Leases.open(workspace, Map.of("ttl", "48h", "runtime", "k8s-a", "cleanup_policy", "retain_all")).statusCode(201)
                .body("ttl_seconds", equalTo(24 * 3600))
                .body("runtime", equalTo("k8s-a"))
                .body("cleanup_policy", equalTo("retain_all"));
    }

    @Test
    void refusesATtlThatIsNotAGoDurationAndStoresNothing() {
        String label = "bad-ttl-" + UUID.randomUUID();
        Leases.open(workspace, Map.of("ttl", "soon", "label", label)).statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("field", equalTo("ttl"))
                .body("status", equalTo(400));
        assertNoLeaseLabelled(label);
    }

    @Test
    void refusesAnUnknownCleanupPolicyAndStoresNothing() {
        String label = "bad-policy-" + UUID.randomUUID();
        Leases.open(workspace, Map.of("cleanup_policy", "shred", "label", label)).statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("field", equalTo("cleanup_policy"));
        assertNoLeaseLabelled(label);
    }

    @Test
    void refusesACallWithoutAWorkspace() {
        given().contentType("application/json").body("{}").post("/internal/leases").then().statusCode(400)
                .body("field", equalTo("X-Ppl-Workspace"));
    }

    @Test
    void aLeaseOfAnotherWorkspaceIsNotFound() {
        String leaseId = Leases.openId(workspace, Map.of());
        String other = "ws_" + UUID.randomUUID();
        Leases.get(other, leaseId).statusCode(404).contentType(startsWith("application/problem+json"));
        Leases.rollback(other, leaseId).statusCode(404);
        Leases.commit(other, leaseId).statusCode(404);
        Leases.get(workspace, leaseId).statusCode(200).body("state", equalTo("open"));
        given().header("X-Ppl-Workspace", other).get("/internal/leases").then().statusCode(200).body("count", equalTo(0));
    }

    @Test
    void aLeaseListIsAnsweredAPageAtATimeAndALimitAboveTheMaximumIsRefusedNamingIt() {
        String tag = UUID.randomUUID().toString();
        List<String> opened = List.of(Leases.openId(workspace, Map.of("label", tag)),
                Leases.openId(workspace, Map.of("label", tag)), Leases.openId(workspace, Map.of("label", tag)));

        given().header("X-Ppl-Workspace", workspace).queryParam("label", tag).queryParam("limit", 2).get("/internal/leases")
                .then().statusCode(200).body("count", equalTo(2)).body("total", equalTo(3)).body("limit", equalTo(2))
                .body("items.lease_id", contains(opened.get(0), opened.get(1)));
        given().header("X-Ppl-Workspace", workspace).queryParam("label", tag).queryParam("offset", 2).get("/internal/leases")
                .then().statusCode(200).body("count", equalTo(1)).body("items.lease_id", contains(opened.get(2)));
        given().header("X-Ppl-Workspace", workspace).queryParam("limit", 501).get("/internal/leases").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("field", equalTo("limit"))
                .body("limit", equalTo(500));
        given().header("X-Ppl-Workspace", workspace).queryParam("offset", -1).get("/internal/leases").then().statusCode(400)
                .body("field", equalTo("offset"));
    }

    @Test
    void listsLeasesByLabelSubstringAndState() {
        String tag = UUID.randomUUID().toString();
        String nightly = Leases.openId(workspace, Map.of("label", "nightly-" + tag));
        String closed = Leases.openId(workspace, Map.of("label", "nightly-closed-" + tag));
        Leases.openId(workspace, Map.of("label", "other"));
        Leases.commit(workspace, closed).statusCode(200);

        given().header("X-Ppl-Workspace", workspace).queryParam("label", tag).get("/internal/leases").then()
                .statusCode(200).body("count", equalTo(2))
                .body("items.lease_id", containsInAnyOrder(nightly, closed));
        given().header("X-Ppl-Workspace", workspace).queryParam("label", tag).queryParam("state", "open")
                .get("/internal/leases").then().body("items.lease_id", contains(nightly));
        given().header("X-Ppl-Workspace", workspace).queryParam("state", "gone").get("/internal/leases").then()
                .statusCode(400).body("field", equalTo("state"));
    }

    @Test
    void rollbackPublishesTheCloseAndTheLeaseIsRolledBackOnceEveryOwnerReleasedIt() {
        String leaseId = Leases.openId(workspace, Map.of());
        Leases.rollback(workspace, leaseId).statusCode(200)
                .body("state", equalTo("rolling_back"))
                .body("close_reason", equalTo("client"))
                .body("closed_at", notNullValue());

        LeaseRolledBack closed = Kafka.await(Topics.LEASE_EVENTS, leaseId, LeaseRolledBack.class, e -> true);
        assertThat(closed.reason()).isEqualTo("client");
        assertThat(closed.workspaceId()).isEqualTo(workspace);
        assertThat(closed.cleanupPolicy()).isEqualTo(CleanupPolicy.DELETE_EPHEMERAL_RESOURCES);

        release(Topics.CATALOG_EVENTS, leaseId, "operations");
        release(Topics.DEPLOY_EVENTS, leaseId, "deploy");
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> Leases.get(workspace, leaseId)
                .body("released_by", containsInAnyOrder("operations", "deploy")));
        Leases.get(workspace, leaseId).body("state", equalTo("rolling_back"));

        release(Topics.GATEWAY_EVENTS, leaseId, "gateway");
        release(Topics.CATALOG_EVENTS, leaseId, "operations");
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> Leases.get(workspace, leaseId)
                .body("state", equalTo("rolled_back")));
        Leases.get(workspace, leaseId).body("released_by", containsInAnyOrder("operations", "deploy", "gateway"));
    }

    @Test
    void rollbackAndCommitOfAClosedLeaseAreNoOpSuccesses() {
        String rolledBack = Leases.openId(workspace, Map.of());
        String closedAt = Leases.rollback(workspace, rolledBack).statusCode(200).extract().path("closed_at");
        Leases.rollback(workspace, rolledBack).statusCode(200)
                .body("state", equalTo("rolling_back")).body("closed_at", equalTo(closedAt));
        Leases.commit(workspace, rolledBack).statusCode(200)
                .body("state", equalTo("rolling_back")).body("close_reason", equalTo("client"));

        String committed = Leases.openId(workspace, Map.of());
        Leases.commit(workspace, committed).statusCode(200).body("state", equalTo("committed"));
        LeaseCommitted event = Kafka.await(Topics.LEASE_EVENTS, committed, LeaseCommitted.class, e -> true);
        assertThat(event.workspaceId()).isEqualTo(workspace);
        Leases.rollback(workspace, committed).statusCode(200).body("state", equalTo("committed"));
        Leases.commit(workspace, committed).statusCode(200).body("state", equalTo("committed"));
    }

    private void assertNoLeaseLabelled(String label) {
        given().header("X-Ppl-Workspace", workspace).queryParam("label", label).get("/internal/leases").then()
                .statusCode(200).body("count", equalTo(0));
    }

    private static void release(String topic, String leaseId, String owner) {
        Kafka.publish(topic, leaseId, new LeaseResourcesReleased(leaseId, owner, List.of(), Instant.now()));
    }
}
