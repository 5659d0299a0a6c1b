package dev.ppl.operations.lease;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.ppl.contracts.Topics;
import dev.ppl.contracts.lease.OwnedResource;
import dev.ppl.operations.backend.BackendService;
import dev.ppl.operations.catalog.CatalogService;
import dev.ppl.operations.catalog.VersionCache;
import dev.ppl.service.kafka.EventPublisher;
import dev.ppl.service.kafka.LeaseCleanup;
import dev.ppl.service.kafka.LeaseOwner;
import dev.ppl.service.kafka.RecordGuard;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** The operations-service's part of a lease's life: its backends and versions are deleted or kept with it. */
@ApplicationScoped
public class LeaseCleanupConsumer implements LeaseOwner {
    private final BackendService backends;
    private final CatalogService catalog;
    private final EventPublisher events;
    private final RecordGuard guard;
    private final VersionCache versions;

    public LeaseCleanupConsumer(BackendService backends, CatalogService catalog, EventPublisher events,
            VersionCache versions, RecordGuard guard) {
        this.backends = backends;
        this.catalog = catalog;
        this.events = events;
        this.guard = guard;
        this.versions = versions;
    }

    @Incoming("lease-events")
    @Blocking
    public void onLeaseEvent(ConsumerRecord<String, byte[]> record) {
        LeaseCleanup.onLeaseEvent(record, guard, "operations", Topics.CATALOG_EVENTS, events, this);
    }

    @Override
    public void keepOwned(String leaseId) {
        backends.keepLeaseBackends(leaseId, null);
        catalog.keepLeaseVersions(leaseId, null);
    }

    @Override
    public void promote(String leaseId, String kind, String resourceId) {
        if (kind.equals("backend")) {
            backends.keepLeaseBackends(leaseId, resourceId);
        } else if (kind.equals("version")) {
            catalog.keepLeaseVersions(leaseId, resourceId);
        }
    }

    @Override
    public List<OwnedResource> deleteOwned(String leaseId) {
        // Backends first: they pin the versions.
        List<OwnedResource> deleted = new ArrayList<>(backends.deleteLeaseBackends(leaseId));
        List<OwnedResource> versionsDeleted = catalog.deleteLeaseVersions(leaseId);
        versionsDeleted.stream().filter(r -> r.kind().equals("version")).forEach(r -> versions.forget(r.id()));
        deleted.addAll(versionsDeleted);
        return deleted;
    }
}
