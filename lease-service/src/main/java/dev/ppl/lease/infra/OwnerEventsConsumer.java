package dev.ppl.lease.infra;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.ppl.contracts.Events;
import dev.ppl.contracts.codec.Message;
import dev.ppl.contracts.deploy.DeployEvent;
import dev.ppl.lease.deployment.DeploymentStateProjector;
import dev.ppl.lease.ownership.OwnershipProjector;
import dev.ppl.service.kafka.RecordGuard;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * The one consumer of the owners' topics (catalog, backend operations, deploy, gateway) with this
 * service's group: ownership and releases go to the ownership projector, deploy events also to the deployment states
 * (and from there to waiting live tests and waits).
 * <p>
 * These topics carry many types this service does not read, and newer owners may add more: a well-formed
 * record of a type this version does not know is skipped quietly. A record that is not a JSON object with a
 * string {@code type}, or a known type with missing or invalid fields, is set aside to {@code <topic>.dlq}
 * by the {@link RecordGuard}, which also waits out an unavailable PostgreSQL, so no record stops every
 * lease's cleanup.
 */
@ApplicationScoped
public class OwnerEventsConsumer {
    private final OwnershipProjector ownership;
    private final DeploymentStateProjector deployments;
    private final RecordGuard guard;

    public OwnerEventsConsumer(OwnershipProjector ownership, DeploymentStateProjector deployments, RecordGuard guard) {
        this.ownership = ownership;
        this.deployments = deployments;
        this.guard = guard;
    }

    @Incoming("owner-events")
    @Blocking
    public void onEvent(ConsumerRecord<String, byte[]> record) {
        guard.handle(record, Events.CODEC::decodeIfKnownType, this::apply);
    }

    private void apply(Message event) {
        ownership.project(event);
        if (event instanceof DeployEvent deploy) {
            deployments.project(deploy);
        }
    }
}
