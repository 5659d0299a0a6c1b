package dev.ppl.deploy.runtime;

/**
 * What a driver reports about a container it runs. A driver restarts a container whose process ends on
 * its own, as a kubelet does, and says so: {@code terminated}, then {@code waiting} while it backs off,
 * then {@code running} again. {@code restarts} counts the driver's restarts of the container since
 * {@link RuntimeDriver#start}. A container stopped through {@link RuntimeDriver#stop} is not reported on
 * any more.
 */
public interface ContainerListener {
    void running(String containerId, int restarts);

    /** Not running, and the driver will start it again; {@code message} says when or what it waits for. */
    void waiting(String containerId, int restarts, String message);

    /**
     * Its process ended on its own; unless the container is stopped, {@code waiting} follows. The message is
     * {@code exited with code <N>}, followed by the runtime's reason in parentheses where it gives one
     * ({@code exited with code 137 (OOMKilled)}).
     */
    void terminated(String containerId, int exitCode, int restarts, String message);

    /** The driver cannot run the container at all (nothing to run, a command that cannot start) and gives up. */
    void cannotStart(String containerId, String message);
}
