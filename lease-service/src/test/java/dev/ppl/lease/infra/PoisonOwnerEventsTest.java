package dev.ppl.lease.infra;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.ppl.contracts.Topics;
import dev.ppl.contracts.lease.LeaseResourcesReleased;
import dev.ppl.lease.testing.Kafka;
import dev.ppl.lease.testing.Leases;
import dev.ppl.lease.testing.UnansweringServiceResource;
import dev.ppl.local.testing.PlatformTestResource;
import dev.ppl.local.testing.PoisonRecords;
import dev.ppl.service.kafka.DeadLetters;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = UnansweringServiceResource.class, restrictToAnnotatedClass = false)
class PoisonOwnerEventsTest {
    private static final List<String> OWNER_TOPICS = List.of(Topics.CATALOG_EVENTS, Topics.BACKEND_OPERATIONS,
            Topics.DEPLOY_EVENTS, Topics.GATEWAY_EVENTS);

    private final String workspace = "ws_" + UUID.randomUUID();

    @Test
    void garbageOnEveryOwnerTopicIsSetAsideAndALeaseRolledBackAfterwardsIsRolledBack() {
        List<String[]> setAside = new ArrayList<>();
        List<String[]> ignored = new ArrayList<>();
        for (String topic : OWNER_TOPICS) {
            setAside.add(new String[] { topic, PoisonRecords.produce(topic, PoisonRecords.NOT_JSON), "not JSON" });
            setAside.add(new String[] { topic, PoisonRecords.produce(topic, PoisonRecords.NO_TYPE), "no string 'type'" });
            setAside.add(new String[] { topic, PoisonRecords.produce(topic,
                    PoisonRecords.knownTypeWithoutFields("lease.resources_released.v1")), "invalid" });
            ignored.add(new String[] { topic, PoisonRecords.produce(topic, PoisonRecords.UNKNOWN_TYPE) });
        }

        for (String[] poison : setAside) {
            ConsumerRecord<String, byte[]> record = PoisonRecords.deadLettered(poison[0], poison[1]);
            assertThat(PoisonRecords.header(record, DeadLetters.TOPIC_HEADER)).isEqualTo(poison[0]);
            assertThat(PoisonRecords.header(record, DeadLetters.ERROR_HEADER)).contains(poison[2]);
        }

        String leaseId = Leases.openId(workspace, Map.of());
        Leases.rollback(workspace, leaseId).statusCode(200);
        for (String[] owner : new String[][] { { Topics.CATALOG_EVENTS, "operations" },
                { Topics.DEPLOY_EVENTS, "deploy" }, { Topics.GATEWAY_EVENTS, "gateway" } }) {
            Kafka.publish(owner[0], leaseId, new LeaseResourcesReleased(leaseId, owner[1], List.of(), Instant.now()));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Leases.get(workspace, leaseId)
                .body("state", equalTo("rolled_back"))
                .body("released_by", containsInAnyOrder("operations", "deploy", "gateway")));

        for (String[] unknown : ignored) {
            assertThat(PoisonRecords.deadLetteredKeys(unknown[0])).as("a well-formed record of a type this version"
                    + " does not know, on " + unknown[0]).doesNotContain(unknown[1]);
        }
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("ppl_dead_lettered_records_total{topic=\"ppl.deploy.events\"}"));
    }
}
