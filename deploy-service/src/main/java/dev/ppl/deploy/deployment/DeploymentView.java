package dev.ppl.deploy.deployment;

import java.util.List;

/**
 * A deployment as the internal API shows it (docs/internal-api.md).
 *
 * @param status {@code starting}, {@code running}, {@code stable}, {@code failed} or {@code stopped}
 * @param message why it is starting again, failed or stopped
 */
public record DeploymentView(String deploymentId, String backendId, long backendSeq, String runtime, String leaseId,
        String workspaceId, String status, String message, List<ContainerView> containers, List<VertexRoute> vertices) {

    public record ContainerView(String containerId, String vertexId, String status, int restarts, Integer exitCode,
            String message) {
    }
}
