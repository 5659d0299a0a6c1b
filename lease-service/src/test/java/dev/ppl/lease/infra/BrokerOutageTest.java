package dev.ppl.lease.infra;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.ppl.contracts.Topics;
import dev.ppl.contracts.lease.LeaseResourcesReleased;
import dev.ppl.lease.testing.Kafka;
import dev.ppl.lease.testing.Leases;
import dev.ppl.lease.testing.UnansweringServiceResource;
import dev.ppl.local.testing.PlatformTestResource;
import dev.ppl.local.testing.SharedInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = UnansweringServiceResource.class, restrictToAnnotatedClass = false)
class BrokerOutageTest {
    private static final Duration OUTAGE = Duration.ofSeconds(10);

    private final String workspace = "ws_" + UUID.randomUUID();

    @Test
    void aRollbackInterruptedByTheBrokerStoppingCompletesWhenItIsBackWithoutARestart() {
        String leaseId = Leases.openId(workspace, Map.of());
        Leases.rollback(workspace, leaseId).statusCode(200).body("state", equalTo("rolling_back"));
        Kafka.publish(Topics.CATALOG_EVENTS, leaseId,
                new LeaseResourcesReleased(leaseId, "operations", List.of(), Instant.now()));
        ready(200);

        SharedInfrastructure.get().stopKafka();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> ready(503));
            Awaitility.await().during(OUTAGE).atMost(OUTAGE.plusSeconds(5)).untilAsserted(() -> ready(503));
        } finally {
            SharedInfrastructure.get().startKafka();
        }

        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> ready(200));
        for (String[] owner : new String[][] { { Topics.DEPLOY_EVENTS, "deploy" }, { Topics.GATEWAY_EVENTS, "gateway" } }) {
            Kafka.publish(owner[0], leaseId, new LeaseResourcesReleased(leaseId, owner[1], List.of(), Instant.now()));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Leases.get(workspace, leaseId)
                .body("state", equalTo("rolled_back"))
                .body("released_by", containsInAnyOrder("operations", "deploy", "gateway")));
    }

    private static void ready(int status) {
        given().get("/q/health/ready").then().statusCode(status);
    }
}
