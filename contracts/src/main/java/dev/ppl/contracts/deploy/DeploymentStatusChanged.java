package dev.ppl.contracts.deploy;

import static dev.ppl.contracts.codec.Require.present;
import static dev.ppl.contracts.codec.Require.text;

import java.time.Instant;

import dev.ppl.contracts.codec.WireType;

/**
 * A deployment moved on: {@code starting}, {@code running} (every workload runs: started), {@code stable}
 * (they kept running for the settle period without a restart), {@code failed} or {@code stopped}.
 *
 * @param message why it failed or stopped, in words a user can act on
 * @param exitCode the last exit code of the container that failed it, when one did
 */
@WireType("deploy.deployment_status_changed.v1")
public record DeploymentStatusChanged(String deploymentId, String leaseId, String status, String message,
        Integer exitCode, Instant at) implements DeployEvent {
    public DeploymentStatusChanged {
        text(deploymentId, "deployment_id");
        text(status, "status");
        present(at, "at");
    }
}
