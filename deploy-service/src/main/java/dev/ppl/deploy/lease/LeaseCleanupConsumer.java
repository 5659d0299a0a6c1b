package dev.ppl.deploy.lease;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.ppl.contracts.Topics;
import dev.ppl.contracts.lease.OwnedResource;
import dev.ppl.deploy.deployment.DeploymentService;
import dev.ppl.service.kafka.EventPublisher;
import dev.ppl.service.kafka.LeaseCleanup;
import dev.ppl.service.kafka.LeaseOwner;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** The deploy-service's part of a lease's life: its deployments are undeployed or kept with it. */
@ApplicationScoped
public class LeaseCleanupConsumer implements LeaseOwner {
    private final DeploymentService deployments;
    private final EventPublisher events;

    public LeaseCleanupConsumer(DeploymentService deployments, EventPublisher events) {
        this.deployments = deployments;
        this.events = events;
    }

    @Incoming("lease-events")
    @Blocking
    public void onLeaseEvent(String json) {
        LeaseCleanup.onLeaseEvent(json, "deploy", Topics.DEPLOY_EVENTS, events, this);
    }

    @Override
    public List<OwnedResource> deleteOwned(String leaseId) {
        return deployments.undeployLease(leaseId, "lease_rolled_back").stream()
                .map(id -> new OwnedResource("deployment", id)).toList();
    }

    @Override
    public void keepOwned(String leaseId) {
        deployments.keepLeaseDeployments(leaseId, null);
    }

    @Override
    public void promote(String leaseId, String kind, String resourceId) {
        if (kind.equals("deployment")) {
            deployments.keepLeaseDeployments(leaseId, resourceId);
        }
    }
}
