package dev.ppl.contracts.deploy;

import static dev.ppl.contracts.codec.Require.nonNegative;
import static dev.ppl.contracts.codec.Require.present;
import static dev.ppl.contracts.codec.Require.text;

import java.time.Instant;

import dev.ppl.contracts.codec.WireType;

/**
 * A container of a deployment changed state.
 *
 * @param exitCode set when terminated
 * @param message why it waits or terminated, in the runtime's words (a Kubernetes reason, "exited")
 */
@WireType("deploy.container_status_changed.v1")
public record ContainerStatusChanged(String deploymentId, String containerId, String vertexId, String leaseId,
        ContainerStatus status, Integer exitCode, int restarts, String message, Instant at) implements DeployEvent {
    public ContainerStatusChanged {
        text(deploymentId, "deployment_id");
        text(containerId, "container_id");
        text(vertexId, "vertex_id");
        present(status, "status");
        nonNegative(restarts, "restarts");
        present(at, "at");
    }
}
