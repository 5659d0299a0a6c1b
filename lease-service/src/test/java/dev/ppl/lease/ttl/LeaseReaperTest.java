package dev.ppl.lease.ttl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.ppl.contracts.Topics;
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
class LeaseReaperTest {
    private final String workspace = "ws_" + UUID.randomUUID();

    @Test
    void rollsBackALeaseWhoseTtlHasPassed() {
        String expiring = Leases.openId(workspace, Map.of("ttl", "1s"));
        String lasting = Leases.openId(workspace, Map.of("ttl", "1h"));

        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> Leases.get(workspace, expiring)
                .body("state", equalTo("rolling_back")));
        Leases.get(workspace, expiring).body("close_reason", equalTo("ttl_expired"));
        LeaseRolledBack closed = Kafka.await(Topics.LEASE_EVENTS, expiring, LeaseRolledBack.class, e -> true);
        assertThat(closed.reason()).isEqualTo("ttl_expired");
        Leases.get(workspace, lasting).body("state", equalTo("open"));
    }
}
