package dev.ppl.service.kafka;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.ppl.contracts.Events;
import dev.ppl.contracts.codec.Message;
import dev.ppl.contracts.lease.CleanupPolicy;
import dev.ppl.contracts.lease.LeaseCommitted;
import dev.ppl.contracts.lease.LeaseResourcePromoted;
import dev.ppl.contracts.lease.LeaseResourcesReleased;
import dev.ppl.contracts.lease.LeaseRolledBack;
import dev.ppl.contracts.lease.OwnedResource;

/**
 * An owning service's part of a lease's life, the same for every owner. A promotion clears one row's
 * stamp. A close is answered with {@link LeaseResourcesReleased} on the owner's own topic after the owner
 * deleted what it still owns (rollback) or cleared the stamps so it is kept (commit, or rollback under
 * {@code retain_all}). Each owner consumes {@code ppl.lease.events} with its own group, so a close it
 * missed while down is handled when it comes back; promotions and the close share the lease's partition,
 * so a promotion is always seen before the close that follows it.
 * <p>
 * Every type of {@code ppl.lease.events} is known to every owner (the lease-service is its only writer and
 * the contracts are shared), so a record of an unknown type is as broken as one that is not JSON or misses
 * a field: each is set aside by the {@link RecordGuard}, and the next lease's cleanup goes on.
 */
public final class LeaseCleanup {
    private LeaseCleanup() {
    }

    /** Handles one record of {@code ppl.lease.events}; lease events other than promotions and closes are ignored. */
    public static void onLeaseEvent(ConsumerRecord<String, byte[]> record, RecordGuard guard, String owner,
            String topic, EventPublisher events, LeaseOwner rows) {
        guard.handle(record, value -> Optional.of(Events.CODEC.decode(value)),
                event -> apply(event, owner, topic, events, rows));
    }

    private static void apply(Message event, String owner, String topic, EventPublisher events, LeaseOwner rows) {
        if (event instanceof LeaseResourcePromoted promoted) {
            rows.promote(promoted.leaseId(), promoted.kind(), promoted.resourceId());
        } else if (event instanceof LeaseCommitted committed) {
            rows.keepOwned(committed.leaseId());
            events.publish(topic, committed.leaseId(),
                    new LeaseResourcesReleased(committed.leaseId(), owner, List.of(), Instant.now()));
        } else if (event instanceof LeaseRolledBack closed) {
            List<OwnedResource> released;
            if (closed.cleanupPolicy() == CleanupPolicy.RETAIN_ALL) {
                rows.keepOwned(closed.leaseId());
                released = List.of();
            } else {
                released = rows.deleteOwned(closed.leaseId());
            }
            events.publish(topic, closed.leaseId(),
                    new LeaseResourcesReleased(closed.leaseId(), owner, released, Instant.now()));
        }
    }
}
