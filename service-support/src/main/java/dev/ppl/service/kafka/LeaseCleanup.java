package dev.ppl.service.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import dev.ppl.contracts.Events;
import dev.ppl.contracts.lease.CleanupPolicy;
import dev.ppl.contracts.lease.LeaseResourcesReleased;
import dev.ppl.contracts.lease.LeaseRolledBack;
import dev.ppl.contracts.lease.OwnedResource;

/**
 * An owning service's part of closing a lease, the same for every owner: on {@link LeaseRolledBack},
 * delete what it owns for the lease (nothing under {@code retain_all}), then acknowledge with
 * {@link LeaseResourcesReleased} on its own topic. Each owner consumes {@code ppl.lease.events} with its
 * own group, so a close it missed while down is handled when it comes back; deleting must be idempotent.
 */
public final class LeaseCleanup {
    private LeaseCleanup() {
    }

    /**
     * Handles one record of {@code ppl.lease.events}; other lease events are ignored.
     *
     * @param deleteOwned deletes what this owner owns for a lease id and answers what it deleted
     */
    public static void onLeaseEvent(String json, String owner, String topic, EventPublisher events,
            Function<String, List<OwnedResource>> deleteOwned) {
        Events.CODEC.decodeKnown(json.getBytes(StandardCharsets.UTF_8)).filter(LeaseRolledBack.class::isInstance)
                .map(LeaseRolledBack.class::cast).ifPresent(closed -> {
                    List<OwnedResource> released = closed.cleanupPolicy() == CleanupPolicy.RETAIN_ALL ? List.of()
                            : deleteOwned.apply(closed.leaseId());
                    events.publish(topic, closed.leaseId(),
                            new LeaseResourcesReleased(closed.leaseId(), owner, released, Instant.now()));
                });
    }
}
