package dev.ppl.deploy.kubernetes;

import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;

/**
 * What the kubelet and the scheduler say about a workload's pod, read from its status alone: the state of
 * the {@value KubernetesDeploymentModel#COMPONENT_CONTAINER} container, how often the kubelet restarted
 * it, how its last run ended, and whether the scheduler found no node for it. A pure function of the pod,
 * so every reading of the same status is the same observation.
 *
 * @param state the container's state now
 * @param restarts the kubelet's restart count of the container
 * @param exitCode the exit code when {@code state} is terminated, else null
 * @param reason the kubelet's reason ({@code ContainerCreating}, {@code CrashLoopBackOff}, {@code Error},
 *        {@code OOMKilled}) or the pod's phase when the container has no status yet; may be null
 * @param message the kubelet's message, may be null
 * @param lastExitCode how the run before this one ended (the container's {@code lastState}), or null
 * @param lastReason the reason of that end, may be null
 * @param unschedulable the scheduler's message when it found no node for the pod, else null
 */
public record PodObservation(State state, int restarts, Integer exitCode, String reason, String message,
        Integer lastExitCode, String lastReason, String unschedulable) {

    public enum State {
        WAITING,
        RUNNING,
        TERMINATED
    }

    public PodObservation {
        Objects.requireNonNull(state, "state");
    }

    public static PodObservation of(Pod pod) {
        PodStatus status = pod.getStatus();
        if (status == null) {
            return new PodObservation(State.WAITING, 0, null, "Pending", null, null, null, null);
        }
        String unschedulable = unschedulable(status.getConditions());
        ContainerStatus container = component(status.getContainerStatuses());
        if (container == null) {
            String phase = status.getPhase() == null ? "Pending" : status.getPhase();
            return new PodObservation(State.WAITING, 0, null, initReason(status, phase), status.getMessage(), null, null,
                    unschedulable);
        }
        int restarts = container.getRestartCount() == null ? 0 : container.getRestartCount();
        ContainerStateTerminated last = container.getLastState() == null ? null : container.getLastState().getTerminated();
        Integer lastExitCode = last == null ? null : last.getExitCode();
        String lastReason = last == null ? null : last.getReason();
        ContainerState state = container.getState();
        if (state != null && state.getRunning() != null) {
            return new PodObservation(State.RUNNING, restarts, null, null, null, lastExitCode, lastReason, unschedulable);
        }
        if (state != null && state.getTerminated() != null) {
            ContainerStateTerminated ended = state.getTerminated();
            return new PodObservation(State.TERMINATED, restarts, ended.getExitCode(), ended.getReason(), ended.getMessage(),
                    lastExitCode, lastReason, unschedulable);
        }
        String reason = state != null && state.getWaiting() != null ? state.getWaiting().getReason() : null;
        String message = state != null && state.getWaiting() != null ? state.getWaiting().getMessage() : null;
        return new PodObservation(State.WAITING, restarts, null, reason, message, lastExitCode, lastReason, unschedulable);
    }

    /** The reason and message as one line for people: {@code CrashLoopBackOff: back-off 10s restarting ...}. */
    public String describe() {
        if (reason == null) {
            return message;
        }
        return message == null || message.isBlank() ? reason : reason + ": " + message;
    }

    private static String unschedulable(List<PodCondition> conditions) {
        if (conditions == null) {
            return null;
        }
        for (PodCondition condition : conditions) {
            if ("PodScheduled".equals(condition.getType()) && "False".equals(condition.getStatus())
                    && "Unschedulable".equals(condition.getReason())) {
                return condition.getMessage() == null ? "" : condition.getMessage();
            }
        }
        return null;
    }

    private static ContainerStatus component(List<ContainerStatus> statuses) {
        if (statuses == null) {
            return null;
        }
        return statuses.stream().filter(s -> KubernetesDeploymentModel.COMPONENT_CONTAINER.equals(s.getName())).findFirst()
                .orElse(null);
    }

    /** While the init container fetches the bound files the component container has no status of its own. */
    private static String initReason(PodStatus status, String phase) {
        if (status.getInitContainerStatuses() == null) {
            return phase;
        }
        for (ContainerStatus init : status.getInitContainerStatuses()) {
            ContainerState state = init.getState();
            if (state == null
                    || state.getTerminated() != null && Integer.valueOf(0).equals(state.getTerminated().getExitCode())) {
                continue;
            }
            if (state.getTerminated() != null) {
                return "Init:Error (" + init.getName() + " exited with code " + state.getTerminated().getExitCode() + ")";
            }
            if (state.getWaiting() != null && state.getWaiting().getReason() != null) {
                return "Init:" + state.getWaiting().getReason();
            }
            return "Init:" + init.getName();
        }
        return phase;
    }
}
