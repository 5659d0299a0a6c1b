package dev.ppl.lease.infra;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import dev.ppl.contracts.Events;
import dev.ppl.contracts.codec.Message;
import dev.ppl.contracts.codec.MessageDecodingException;
import dev.ppl.contracts.deploy.DeployEvent;
import dev.ppl.lease.deployment.DeploymentStateProjector;
import dev.ppl.lease.ownership.OwnershipProjector;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * The one consumer of the owners' topics (catalog, backend operations, deploy, gateway) with this
 * service's group: ownership and releases go to the ownership projector, deploy events also to the deployment states
 * (and from there to waiting live tests and waits).
 * A record this service cannot decode is logged and skipped rather than stopping every lease's cleanup.
 */
@ApplicationScoped
public class OwnerEventsConsumer {
    private static final Logger LOG = Logger.getLogger(OwnerEventsConsumer.class);

    private final OwnershipProjector ownership;
    private final DeploymentStateProjector deployments;

    public OwnerEventsConsumer(OwnershipProjector ownership, DeploymentStateProjector deployments) {
        this.ownership = ownership;
        this.deployments = deployments;
    }

    @Incoming("owner-events")
    @Blocking
    public void onEvent(byte[] record) {
        Message event;
        try {
            event = Events.CODEC.decodeKnown(record).orElse(null);
        } catch (MessageDecodingException e) {
            LOG.warnf("skipping an undecodable record: %s", e.getMessage());
            return;
        }
        if (event == null) {
            return;
        }
        ownership.project(event);
        if (event instanceof DeployEvent deploy) {
            deployments.project(deploy);
        }
    }
}
