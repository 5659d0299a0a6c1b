package dev.ppl.deploy.lease;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.ppl.contracts.Topics;
import dev.ppl.contracts.lease.OwnedResource;
import dev.ppl.deploy.deployment.DeploymentService;
import dev.ppl.service.kafka.EventPublisher;
import dev.ppl.service.kafka.LeaseCleanup;
import dev.ppl.service.kafka.LeaseOwner;
import dev.ppl.service.kafka.RecordGuard;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** The deploy-service's part of a lease's life: its deployments are undeployed or kept with it. */
@ApplicationScoped
public class LeaseCleanupConsumer implements LeaseOwner {
    private final DeploymentService deployments;
    private final EventPublisher events;
    private final RecordGuard guard;

    public LeaseCleanupConsumer(DeploymentService deployments, EventPublisher events, RecordGuard guard) {
        this.deployments = deployments;
        this.events = events;
        this.guard = guard;
    }

    @Incoming("lease-events")
    @Blocking
    public void onLeaseEvent(ConsumerRecord<String, byte[]> record) {
        LeaseCleanup.onLeaseEvent(record, guard, "deploy", Topics.DEPLOY_EVENTS, events, this);
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
