package dev.ppl.contracts.deploy;

import static dev.ppl.contracts.codec.Require.present;
import static dev.ppl.contracts.codec.Require.text;

import java.time.Instant;

import dev.ppl.contracts.codec.WireType;

/** A deployment was undeployed: its workloads and data topics are gone. Reason: client, lease_rolled_back, failed. */
@WireType("deploy.deployment_stopped.v1")
public record DeploymentStopped(String deploymentId, String leaseId, String reason, Instant stoppedAt)
        implements
            DeployEvent {
    public DeploymentStopped {
        text(deploymentId, "deployment_id");
        text(reason, "reason");
        present(stoppedAt, "stopped_at");
    }
}
