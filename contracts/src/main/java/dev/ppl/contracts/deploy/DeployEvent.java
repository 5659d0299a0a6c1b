package dev.ppl.contracts.deploy;

import dev.ppl.contracts.codec.Message;

/** Events on {@link dev.ppl.contracts.Topics#DEPLOY_EVENTS}, keyed by deployment id. */
public sealed interface DeployEvent extends Message
        permits DeploymentStarted, ContainerStatusChanged, DeploymentStopped, DeploymentStatusChanged {
    String deploymentId();
}
