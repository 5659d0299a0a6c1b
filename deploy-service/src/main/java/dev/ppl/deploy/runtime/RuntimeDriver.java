package dev.ppl.deploy.runtime;

/**
 * The one seam between deployments and what runs them: the {@code local} runtime's child processes now,
 * Kubernetes Deployments through fabric8 later. A driver starts and stops containers and reports their
 * state; deciding what to run is the deployment's business.
 */
public interface RuntimeDriver {
    /** The runtime id a deployment names ({@code local}). */
    String id();

    /** The kind of runtime ({@code local}, {@code kubernetes}). */
    String kind();

    /** Starts the container; reports {@code running} or {@code terminated} through the listener. */
    void start(Workload workload, ContainerListener listener);

    /** Stops the container and waits until it is gone; a no-op for one this driver does not run. */
    void stop(String containerId);
}
