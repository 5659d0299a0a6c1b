package dev.ppl.lease.livetest;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.ppl.contracts.livetest.ContainerEvent;
import dev.ppl.contracts.livetest.Failed;
import dev.ppl.contracts.livetest.LiveTestEvent;

/**
 * Decides, from the container states of one deployment, what the live test reports: one
 * {@code container} event per container the first time it runs, a {@code failed} event for a container
 * that terminates before the deployment is ready, and readiness once every container runs. The same
 * state may arrive twice (from the deployment read and from the event stream); it is reported once.
 */
public final class ContainerReadiness {
    private final Map<String, String> vertexOfContainer;
    private final Map<String, String> nameOfVertex;
    private final Set<String> running = new LinkedHashSet<>();

    /**
     * @param vertexOfContainer every container of the deployment, to its vertex id
     * @param nameOfVertex vertex id to manifest vertex name
     */
    public ContainerReadiness(Map<String, String> vertexOfContainer, Map<String, String> nameOfVertex) {
        this.vertexOfContainer = new LinkedHashMap<>(vertexOfContainer);
        this.nameOfVertex = Map.copyOf(nameOfVertex);
    }

    /** The event to report for a container's new state, if any. */
    public Optional<LiveTestEvent> observe(String containerId, String status, int restarts, Integer exitCode,
            String message) {
        String vertexId = vertexOfContainer.get(containerId);
        if (vertexId == null || running.contains(containerId) && !"terminated".equals(status)) {
            return Optional.empty();
        }
        String vertex = nameOfVertex.getOrDefault(vertexId, vertexId);
        return switch (status) {
            case "running" -> {
                running.add(containerId);
                yield Optional.of(new ContainerEvent(containerId, vertex, vertexId, status, restarts, exitCode, message));
            }
            case "terminated" -> Optional.of(new Failed("deploy", "container " + containerId + " (vertex " + vertex + ") "
                    + (exitCode == null ? "terminated" : "exited with code " + exitCode)
                    + (message == null || message.isBlank() ? "" : ": " + message), null));
            default -> Optional.empty();
        };
    }

    /** True once every container runs; at once for a graph without workload containers. */
    public boolean ready() {
        return running.size() == vertexOfContainer.size();
    }

    /** The failure to report when the deployment was not ready in time. */
    public Failed timedOut(Duration waited) {
        StringBuilder pending = new StringBuilder();
        vertexOfContainer.forEach((container, vertexId) -> {
            if (!running.contains(container)) {
                pending.append(pending.isEmpty() ? "" : ", ").append(container).append(" (vertex ")
                        .append(nameOfVertex.getOrDefault(vertexId, vertexId)).append(')');
            }
        });
        return new Failed("deploy", "timed out after " + waited.toSeconds() + "s waiting for containers to run: "
                + pending, null);
    }
}
