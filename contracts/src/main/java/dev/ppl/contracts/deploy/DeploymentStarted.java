package dev.ppl.contracts.deploy;

import static dev.ppl.contracts.codec.Require.nonNegative;
import static dev.ppl.contracts.codec.Require.present;
import static dev.ppl.contracts.codec.Require.text;

import java.time.Instant;

import dev.ppl.contracts.codec.WireType;

/** A deployment of a backend pinned at one sequence number was started on a runtime. */
@WireType("deploy.deployment_started.v1")
public record DeploymentStarted(String deploymentId, String backendId, long backendSeq, String runtime,
        String workspaceId, String leaseId, Instant startedAt) implements DeployEvent {
    public DeploymentStarted {
        text(deploymentId, "deployment_id");
        text(backendId, "backend_id");
        nonNegative(backendSeq, "backend_seq");
        text(runtime, "runtime");
        text(workspaceId, "workspace_id");
        present(startedAt, "started_at");
    }
}
