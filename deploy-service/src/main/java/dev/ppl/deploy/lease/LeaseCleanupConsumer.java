package dev.ppl.deploy.lease;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.ppl.contracts.Topics;
import dev.ppl.contracts.lease.OwnedResource;
import dev.ppl.deploy.deployment.DeploymentService;
import dev.ppl.service.kafka.EventPublisher;
import dev.ppl.service.kafka.LeaseCleanup;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** The deploy-service's part of closing a lease: undeploy the lease's deployments, then acknowledge. */
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
        LeaseCleanup.onLeaseEvent(json, "deploy", Topics.DEPLOY_EVENTS, events,
                lease -> deployments.undeployLease(lease, "lease_rolled_back").stream()
                        .map(id -> new OwnedResource("deployment", id)).toList());
    }
}
