package dev.ppl.gateway.lease;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.ppl.contracts.Events;
import dev.ppl.contracts.Ids;
import dev.ppl.contracts.Topics;
import dev.ppl.contracts.lease.CleanupPolicy;
import dev.ppl.contracts.lease.LeaseResourcesReleased;
import dev.ppl.contracts.lease.LeaseRolledBack;
import dev.ppl.local.testing.PlatformTestResource;
import dev.ppl.local.testing.PoisonRecords;
import dev.ppl.local.testing.TopicReader;
import dev.ppl.service.kafka.DeadLetters;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class PoisonLeaseEventsTest {

    @Test
    void garbageOnTheLeaseTopicIsSetAsideAndALeaseRolledBackAfterwardsIsStillReleased() {
        String notJson = PoisonRecords.produce(Topics.LEASE_EVENTS, PoisonRecords.NOT_JSON);
        String unknownType = PoisonRecords.produce(Topics.LEASE_EVENTS, PoisonRecords.UNKNOWN_TYPE);
        String noFields = PoisonRecords.produce(Topics.LEASE_EVENTS,
                PoisonRecords.knownTypeWithoutFields("lease.rolled_back.v1"));

        assertSetAside(notJson, PoisonRecords.NOT_JSON, "not JSON");
        assertSetAside(unknownType, PoisonRecords.UNKNOWN_TYPE, "unknown message type");
        assertSetAside(noFields, PoisonRecords.knownTypeWithoutFields("lease.rolled_back.v1"), "invalid");

        String lease = Ids.next(Ids.LEASE);
        PoisonRecords.produce(Topics.LEASE_EVENTS, lease, Events.CODEC.encodeBytes(new LeaseRolledBack(lease, "ws_poison",
                "client", CleanupPolicy.DELETE_EPHEMERAL_RESOURCES, Instant.now())));
        LeaseResourcesReleased ack = TopicReader.leaseAcknowledgement(Topics.GATEWAY_EVENTS, lease);
        assertThat(ack.owner()).isEqualTo("gateway");

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("ppl_dead_lettered_records_total{topic=\"ppl.lease.events\"}"));
    }

    private static void assertSetAside(String key, byte[] value, String error) {
        ConsumerRecord<String, byte[]> record = PoisonRecords.deadLettered(Topics.LEASE_EVENTS, key);
        assertThat(record.value()).isEqualTo(value);
        assertThat(PoisonRecords.header(record, DeadLetters.TOPIC_HEADER)).isEqualTo(Topics.LEASE_EVENTS);
        assertThat(PoisonRecords.header(record, DeadLetters.ERROR_HEADER)).contains("MessageDecodingException")
                .contains(error);
        assertThat(Long.parseLong(PoisonRecords.header(record, DeadLetters.OFFSET_HEADER))).isNotNegative();
        assertThat(Instant.parse(PoisonRecords.header(record, DeadLetters.AT_HEADER))).isBeforeOrEqualTo(Instant.now());
    }
}
