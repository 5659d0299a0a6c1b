package dev.ppl.deploy.runtime;

import java.util.Map;

import dev.ppl.contracts.component.ComponentDescriptor;

/** One container to run: a workload vertex of a deployment, with its environment contract filled in. */
public record Workload(String containerId, String deploymentId, String vertexId, ComponentDescriptor descriptor,
        Map<String, String> environment) {
    public Workload {
        environment = Map.copyOf(environment);
    }
}
