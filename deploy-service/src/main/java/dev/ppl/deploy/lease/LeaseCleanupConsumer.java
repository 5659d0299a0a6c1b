package dev.ppl.deploy.lease;

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
import dev.ppl.deploy.deployment.DeploymentService;
import dev.ppl.service.kafka.EventPublisher;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * The deploy-service's part of closing a lease: undeploy what the lease owns and say so. Driven by the
 * durable close event with this service's own consumer group, so a close missed while it was down is
 * handled when it comes back; handling one twice stops nothing twice.
 */
@ApplicationScoped
public class LeaseCleanupConsumer {
    private final DeploymentService deployments;
    private final EventPublisher events;

    public LeaseCleanupConsumer(DeploymentService deployments, EventPublisher events) {
        this.deployments = deployments;
        this.events = events;
    }

    @Incoming("lease-events")
    @Blocking
    public void onLeaseEvent(String json) {
        Events.CODEC.decodeKnown(json.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .filter(LeaseRolledBack.class::isInstance)
                .map(LeaseRolledBack.class::cast)
                .ifPresent(this::release);
    }

    void release(LeaseRolledBack closed) {
        List<OwnedResource> released = closed.cleanupPolicy() == CleanupPolicy.RETAIN_ALL ? List.of()
                : deployments.undeployLease(closed.leaseId(), "lease_rolled_back").stream()
                        .map(id -> new OwnedResource("deployment", id)).toList();
        events.publish(Topics.DEPLOY_EVENTS, closed.leaseId(),
                new LeaseResourcesReleased(closed.leaseId(), "deploy", released, Instant.now()));
    }
}
