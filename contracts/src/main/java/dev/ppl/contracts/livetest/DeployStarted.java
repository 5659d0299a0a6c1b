package dev.ppl.contracts.livetest;

import static dev.ppl.contracts.codec.Require.text;

import dev.ppl.contracts.codec.WireType;

/** The deployment id was minted. */
@WireType("deploy_started")
public record DeployStarted(String deploymentId, String runtime) implements LiveTestEvent {
    public DeployStarted {
        text(deploymentId, "deployment_id");
        text(runtime, "runtime");
    }
}
