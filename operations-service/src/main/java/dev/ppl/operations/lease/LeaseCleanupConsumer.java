package dev.ppl.operations.lease;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.ppl.contracts.Events;
import dev.ppl.contracts.Topics;
import dev.ppl.contracts.lease.CleanupPolicy;
import dev.ppl.contracts.lease.LeaseResourcesReleased;
import dev.ppl.contracts.lease.LeaseRolledBack;
import dev.ppl.contracts.lease.OwnedResource;
import dev.ppl.operations.backend.BackendService;
import dev.ppl.operations.catalog.CatalogService;
import dev.ppl.service.kafka.EventPublisher;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * The operations-service's part of closing a lease: delete the backends and versions it owns, then say
 * so. Driven by the durable close event with this service's own consumer group; handling it twice
 * deletes nothing twice.
 */
@ApplicationScoped
public class LeaseCleanupConsumer {
    private final BackendService backends;
    private final CatalogService catalog;
    private final EventPublisher events;

    public LeaseCleanupConsumer(BackendService backends, CatalogService catalog, EventPublisher events) {
        this.backends = backends;
        this.catalog = catalog;
        this.events = events;
    }

    @Incoming("lease-events")
    @Blocking
    public void onLeaseEvent(String json) {
        Events.CODEC.decodeKnown(json.getBytes(StandardCharsets.UTF_8)).filter(LeaseRolledBack.class::isInstance)
                .map(LeaseRolledBack.class::cast).ifPresent(this::release);
    }

    void release(LeaseRolledBack closed) {
        List<OwnedResource> released = new ArrayList<>();
        if (closed.cleanupPolicy() == CleanupPolicy.DELETE_EPHEMERAL_RESOURCES) {
            // Backends first: they pin the versions.
            released.addAll(backends.deleteLeaseBackends(closed.leaseId()));
            released.addAll(catalog.deleteLeaseVersions(closed.leaseId()));
        }
        events.publish(Topics.CATALOG_EVENTS, closed.leaseId(),
                new LeaseResourcesReleased(closed.leaseId(), "operations", released, Instant.now()));
    }
}
