package dev.ppl.deploy.runtime;

/** What a driver reports about a container it runs. */
public interface ContainerListener {
    void running(String containerId);

    void terminated(String containerId, int exitCode, String message);
}
