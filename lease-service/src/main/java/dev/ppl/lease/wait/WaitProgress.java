package dev.ppl.lease.wait;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ppl.contracts.deploy.ContainerStatusChanged;
import dev.ppl.contracts.deploy.DeployEvent;
import dev.ppl.contracts.deploy.DeploymentStarted;
import dev.ppl.contracts.deploy.DeploymentStatusChanged;
import dev.ppl.contracts.deploy.DeploymentStopped;

/**
 * What a {@code lease wait} knows about the lease's deployments, and whether that ends the wait. Pure:
 * fed the current state and then each deploy event; an event older than what is known changes nothing,
 * so the snapshot and the live events may overlap.
 */
final class WaitProgress {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Until until;
    private final Integer maxCrashes;
    private final Map<String, Deployment> deployments = new LinkedHashMap<>();
    private final Map<String, Container> containers = new LinkedHashMap<>();

    enum Until {
        STARTED("started"),
        STABLE("stable");

        final String wire;

        Until(String wire) {
            this.wire = wire;
        }
    }

    private record Deployment(String status, String message, Integer exitCode, Instant at) {
    }

    private record Container(String deploymentId, String vertexId, String status, int restarts, Integer exitCode,
            String message, Instant at) {
    }

    WaitProgress(Until until, Integer maxCrashes) {
        this.until = until;
        this.maxCrashes = maxCrashes;
    }

    /** Takes one event in; answers the lines it adds to the stream (none when it changes nothing). */
    List<ObjectNode> apply(DeployEvent event) {
        List<ObjectNode> lines = new ArrayList<>();
        if (event instanceof DeploymentStarted started) {
            deployment(started.deploymentId(), "starting", null, null, started.startedAt(), lines);
        } else if (event instanceof DeploymentStatusChanged changed) {
            deployment(changed.deploymentId(), changed.status(), changed.message(), changed.exitCode(), changed.at(), lines);
        } else if (event instanceof DeploymentStopped stopped) {
            deployment(stopped.deploymentId(), "stopped", stopped.reason(), null, stopped.stoppedAt(), lines);
        } else if (event instanceof ContainerStatusChanged c) {
            Container known = containers.get(c.containerId());
            if (known == null || !known.at().isAfter(c.at())) {
                int restarts = Math.max(c.restarts(), known == null ? 0 : known.restarts());
                // Waiting and running carry no exit code: the last one a termination reported still explains a crash.
                Integer exitCode = c.exitCode() != null || known == null ? c.exitCode() : known.exitCode();
                Container now = new Container(c.deploymentId(), c.vertexId(), c.status().wire(), restarts, exitCode,
                        c.message(), c.at());
                containers.put(c.containerId(), now);
                deployments.putIfAbsent(c.deploymentId(), new Deployment("starting", null, null, Instant.EPOCH));
                ObjectNode line = JSON.objectNode().put("type", "container").put("deployment_id", c.deploymentId())
                        .put("container_id", c.containerId()).put("vertex_id", c.vertexId()).put("status", now.status())
                        .put("restarts", restarts);
                line.put("exit_code", exitCode);
                line.put("message", c.message());
                lines.add(line);
            }
        }
        return lines;
    }

    private void deployment(String id, String status, String message, Integer exitCode, Instant at, List<ObjectNode> lines) {
        Deployment known = deployments.get(id);
        if (known != null && known.at().isAfter(at)) {
            return;
        }
        deployments.put(id, new Deployment(status, message, exitCode, at));
        ObjectNode line = JSON.objectNode().put("type", "deployment").put("deployment_id", id).put("status", status);
        line.put("message", message);
        lines.add(line);
    }

    /** The final event, once the wait is decided: the target reached, or why it never will be. */
    Optional<ObjectNode> outcome() {
        if (maxCrashes != null) {
            for (Map.Entry<String, Container> e : containers.entrySet()) {
                Container c = e.getValue();
                if (c.restarts() > maxCrashes) {
                    ObjectNode failed = failed("crash_budget_exhausted", "container " + e.getKey() + " (vertex "
                            + c.vertexId() + ") restarted " + c.restarts() + " times, more than --max-crashes "
                            + maxCrashes + (c.exitCode() == null ? "" : "; last exit code " + c.exitCode()))
                            .put("deployment_id", c.deploymentId()).put("container_id", e.getKey())
                            .put("vertex_id", c.vertexId()).put("restarts", c.restarts());
                    failed.put("exit_code", c.exitCode());
                    return Optional.of(failed);
                }
            }
        }
        for (Map.Entry<String, Deployment> e : deployments.entrySet()) {
            if (e.getValue().status().equals("failed")) {
                ObjectNode failed = failed("deployment_failed", e.getValue().message() == null
                        ? "deployment " + e.getKey() + " failed"
                        : e.getValue().message()).put("deployment_id", e.getKey());
                failed.put("exit_code", e.getValue().exitCode());
                return Optional.of(failed);
            }
        }
        List<String> live = deployments.entrySet().stream().filter(e -> !e.getValue().status().equals("stopped"))
                .map(Map.Entry::getKey).toList();
        if (live.isEmpty()) {
            if (!deployments.isEmpty()) {
                String id = deployments.keySet().iterator().next();
                return Optional.of(failed("deployment_stopped", "deployment " + id + " was undeployed ("
                        + deployments.get(id).message() + ")").put("deployment_id", id));
            }
            return Optional.empty();
        }
        if (live.stream().allMatch(this::reached)) {
            return Optional.of(JSON.objectNode().put("type", until.wire).put("deployment_id", live.get(live.size() - 1)));
        }
        return Optional.empty();
    }

    /** What the deployments are doing, for a timeout's final event. */
    String lastStatus() {
        if (deployments.isEmpty()) {
            return "no deployment yet";
        }
        StringBuilder out = new StringBuilder();
        deployments.forEach((id, d) -> out.append(out.isEmpty() ? "" : ", ").append(id).append(' ').append(d.status()));
        return out.toString();
    }

    private boolean reached(String deploymentId) {
        String status = deployments.get(deploymentId).status();
        if (until == Until.STABLE) {
            return status.equals("stable");
        }
        if (status.equals("running") || status.equals("stable")) {
            return true;
        }
        List<Container> of = containers.values().stream().filter(c -> c.deploymentId().equals(deploymentId)).toList();
        return !of.isEmpty() && of.stream().allMatch(c -> c.status().equals("running"));
    }

    private static ObjectNode failed(String reason, String message) {
        return JSON.objectNode().put("type", "failed").put("reason", reason).put("message", message);
    }
}
