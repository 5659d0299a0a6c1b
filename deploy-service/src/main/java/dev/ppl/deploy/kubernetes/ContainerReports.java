package dev.ppl.deploy.kubernetes;

import dev.ppl.deploy.runtime.ContainerListener;

/**
 * Turns the successive observations of one container's pods into what a {@link ContainerListener} hears,
 * each change once. A watch can skip states (a crash and the kubelet's restart may reach us as one
 * update), so a restart count that went up with a {@code lastState} is reported as the run that ended
 * before the state it led to; a crash is reported with the restart count before it, as the listener's
 * contract says. A pod that replaces a deleted one starts counting at zero again: its restarts are added
 * to those of the pods before it, so a container's crash budget survives an eviction.
 */
final class ContainerReports {
    static final String NO_NODES = "no nodes available to schedule its pod";

    private final String containerId;
    private final ContainerListener listener;
    private String podUid;
    /** The restarts of the pods before the current one, and one for each replacement. */
    private int restartsBefore;
    /** The current pod's runs whose end has been reported: the next crash to report is at this restart count. */
    private int crashesReported;
    private int lastRestarts;
    private String lastReported;
    private boolean gaveUp;

    ContainerReports(String containerId, ContainerListener listener) {
        this.containerId = containerId;
        this.listener = listener;
    }

    synchronized void observe(String uid, PodObservation now) {
        if (gaveUp) {
            return;
        }
        if (podUid != null && !podUid.equals(uid)) {
            restartsBefore = lastRestarts + 1;
            crashesReported = 0;
            lastReported = null;
        }
        podUid = uid;
        if (now.unschedulable() != null) {
            gaveUp = true;
            listener.cannotStart(containerId,
                    now.unschedulable().isBlank() ? NO_NODES : NO_NODES + ": " + now.unschedulable());
            return;
        }
        if (now.state() != PodObservation.State.TERMINATED && now.restarts() > crashesReported && now.lastExitCode() != null) {
            listener.terminated(containerId, now.lastExitCode(), restartsBefore + now.restarts() - 1,
                    exited(now.lastExitCode(), now.lastReason()));
            crashesReported = now.restarts();
        }
        int restarts = restartsBefore + now.restarts();
        lastRestarts = restarts;
        String key = now.state() + "/" + restarts + "/" + now.describe();
        if (key.equals(lastReported)) {
            return;
        }
        switch (now.state()) {
            case RUNNING -> listener.running(containerId, restarts);
            case WAITING -> listener.waiting(containerId, restarts, now.describe());
            case TERMINATED -> {
                if (now.restarts() < crashesReported) {
                    return;
                }
                listener.terminated(containerId, now.exitCode(), restarts, exited(now.exitCode(), now.describe()));
                crashesReported = now.restarts() + 1;
            }
        }
        lastReported = key;
    }

    /** The pod went away while the container is still wanted (evicted, deleted by hand): another one follows. */
    synchronized void podDeleted(String uid, String name) {
        if (gaveUp || uid == null || !uid.equals(podUid)) {
            return;
        }
        String message = "pod " + name + " was deleted; its Deployment starts another";
        listener.waiting(containerId, lastRestarts, message);
        lastReported = PodObservation.State.WAITING + "/" + lastRestarts + "/" + message;
    }

    private static String exited(Integer exitCode, String reason) {
        return "exited with code " + exitCode + (reason == null || reason.isBlank() ? "" : " (" + reason + ")");
    }
}
