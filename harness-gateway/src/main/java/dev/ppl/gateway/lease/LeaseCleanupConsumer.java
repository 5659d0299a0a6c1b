package dev.ppl.gateway.lease;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.ppl.contracts.Events;
import dev.ppl.contracts.Topics;
import dev.ppl.contracts.lease.CleanupPolicy;
import dev.ppl.contracts.lease.LeaseResourcesReleased;
import dev.ppl.contracts.lease.LeaseRolledBack;
import dev.ppl.contracts.lease.OwnedResource;
import dev.ppl.gateway.files.FileService;
import dev.ppl.service.kafka.EventPublisher;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * The gateway's part of closing a lease: delete the files it owns, then say so. Driven by the durable
 * close event with the gateway's own consumer group; handling it twice deletes nothing twice.
 */
@ApplicationScoped
public class LeaseCleanupConsumer {
    private final FileService files;
    private final EventPublisher events;

    public LeaseCleanupConsumer(FileService files, EventPublisher events) {
        this.files = files;
        this.events = events;
    }

    @Incoming("lease-events")
    @Blocking
    public void onLeaseEvent(String json) {
        Events.CODEC.decodeKnown(json.getBytes(StandardCharsets.UTF_8)).filter(LeaseRolledBack.class::isInstance)
                .map(LeaseRolledBack.class::cast).ifPresent(this::release);
    }

    void release(LeaseRolledBack closed) {
        List<OwnedResource> released = closed.cleanupPolicy() == CleanupPolicy.RETAIN_ALL ? List.of()
                : files.deleteLeaseFiles(closed.leaseId());
        events.publish(Topics.GATEWAY_EVENTS, closed.leaseId(),
                new LeaseResourcesReleased(closed.leaseId(), "gateway", released, Instant.now()));
    }
}
