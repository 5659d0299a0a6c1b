package dev.ppl.deploy.runtime;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import dev.ppl.deploy.deployment.DeploymentPlan;

/**
 * The one seam between deployments and what runs them: the {@code local} runtime's child processes and
 * Kubernetes Deployments through fabric8. A driver starts and stops containers, keeps them running
 * (restarting what exits, as a kubelet does) and reports their state; deciding what to run, and when a
 * container has crashed too often, is the deployment's business.
 */
public interface RuntimeDriver {
    /** The runtime id a deployment names ({@code local}). */
    String id();

    /** The kind of runtime ({@code local}, {@code kubernetes}). */
    String kind();

    /**
     * Checks, before anything of the deployment is stored or created, that this runtime can run the plan,
     * and keeps what it needs to start the plan's containers; called again for a deployment that resumes
     * after a restart of the deploy-service. Creates nothing.
     *
     * @throws dev.ppl.service.web.InvalidInputException when the graph has a workload this runtime cannot run
     */
    default void prepare(DeploymentPlan plan, String backendId, String leaseId) {
    }

    /**
     * Starts the container and keeps it running until {@link #stop}; reports through the listener. Also
     * called when the deploy-service starts again for every container its deployments still want: a driver
     * whose containers outlive the service takes the running one over instead of starting another.
     */
    void start(Workload workload, ContainerListener listener);

    /** Stops the container and waits until it is gone; a no-op for one this driver does not run. */
    void stop(String containerId);

    /** Every container this driver runs or finds left over, by container id, to its deployment id. */
    Map<String, String> containers();

    /**
     * A file a workload vertex wrote into its output directory ({@code PPL_OUTPUT_DIR}), by its key (a path
     * relative to that directory); empty when there is none, or the key leaves the directory. A path, not its bytes,
     * so it is sent as it is read, whatever its size.
     */
    Optional<Path> outputFile(String deploymentId, String vertexId, String key);

    /**
     * Hands over the last {@code tail} lines a container wrote to stdout and stderr (all of them when
     * {@code tail} is negative); with {@code follow}, then each new line as it is written, until
     * {@code cancelled} says stop or the container is stopped. A container this driver never ran has no lines.
     */
    void logs(String containerId, int tail, boolean follow, Consumer<String> line, BooleanSupplier cancelled);

    /**
     * Removes what a stopped deployment leaves behind once its containers are stopped: the files its workloads
     * wrote, and whatever the runtime keeps for the deployment as a whole.
     */
    void removeDeployment(String deploymentId);

    /**
     * Whether containers keep running when the deploy-service stops (a kubelet runs them) and report their
     * own restart counts; false when they stop with it and are started again, one restart more, when it is back.
     */
    default boolean containersOutliveService() {
        return false;
    }

    /**
     * The Kafka bootstrap servers as this runtime's containers reach them, when that is not the address the
     * deploy-service itself uses (a cluster's pods do not reach the service's loopback).
     */
    default Optional<String> kafkaBootstrap() {
        return Optional.empty();
    }

    /** The gateway as this runtime's containers reach it, where they fetch bound files, when it differs from the default. */
    default Optional<String> gatewayUrl() {
        return Optional.empty();
    }
}
