package dev.ppl.deploy.deployment;

import java.util.List;

/** A deployment as the internal API shows it (docs/internal-api.md). */
public record DeploymentView(String deploymentId, String backendId, long backendSeq, String runtime, String leaseId,
        String workspaceId, String status, String message, List<ContainerView> containers, List<VertexRoute> vertices) {

    public record ContainerView(String containerId, String vertexId, String status, int restarts, Integer exitCode,
            String message) {
    }
}
