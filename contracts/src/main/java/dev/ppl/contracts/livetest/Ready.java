package dev.ppl.contracts.livetest;

import static dev.ppl.contracts.codec.Require.text;

import dev.ppl.contracts.codec.WireType;

/** Terminal success: every container runs and the harness endpoints answer. */
@WireType("ready")
public record Ready(String leaseId, String backendId, String deploymentId) implements LiveTestEvent {
    public Ready {
        text(leaseId, "lease_id");
        text(backendId, "backend_id");
        text(deploymentId, "deployment_id");
    }
}
