package dev.ppl.gateway.lease;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.ppl.contracts.Topics;
import dev.ppl.contracts.lease.OwnedResource;
import dev.ppl.gateway.files.FileService;
import dev.ppl.service.kafka.EventPublisher;
import dev.ppl.service.kafka.LeaseCleanup;
import dev.ppl.service.kafka.LeaseOwner;
import dev.ppl.service.kafka.RecordGuard;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** The gateway's part of a lease's life: its files are deleted or kept with it. */
@ApplicationScoped
public class LeaseCleanupConsumer implements LeaseOwner {
    private final FileService files;
    private final EventPublisher events;
    private final RecordGuard guard;

    public LeaseCleanupConsumer(FileService files, EventPublisher events, RecordGuard guard) {
        this.files = files;
        this.events = events;
        this.guard = guard;
    }

    @Incoming("lease-events")
    @Blocking
    public void onLeaseEvent(ConsumerRecord<String, byte[]> record) {
        LeaseCleanup.onLeaseEvent(record, guard, "gateway", Topics.GATEWAY_EVENTS, events, this);
    }

    @Override
    public List<OwnedResource> deleteOwned(String leaseId) {
        return files.deleteLeaseFiles(leaseId);
    }

    @Override
    public void keepOwned(String leaseId) {
        files.keepLeaseFiles(leaseId, null);
    }

    @Override
    public void promote(String leaseId, String kind, String resourceId) {
        if (kind.equals("file")) {
            files.keepLeaseFiles(leaseId, resourceId);
        }
    }
}
