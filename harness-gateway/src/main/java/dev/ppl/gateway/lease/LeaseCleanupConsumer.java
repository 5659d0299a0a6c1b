package dev.ppl.gateway.lease;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.ppl.contracts.Topics;
import dev.ppl.gateway.files.FileService;
import dev.ppl.service.kafka.EventPublisher;
import dev.ppl.service.kafka.LeaseCleanup;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** The gateway's part of closing a lease: delete the lease's files, then acknowledge. */
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
        LeaseCleanup.onLeaseEvent(json, "gateway", Topics.GATEWAY_EVENTS, events, files::deleteLeaseFiles);
    }
}
