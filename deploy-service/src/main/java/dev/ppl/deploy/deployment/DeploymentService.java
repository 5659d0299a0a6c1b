package dev.ppl.deploy.deployment;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.Ids;
import dev.ppl.contracts.Topics;
import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.contracts.deploy.ContainerStatus;
import dev.ppl.contracts.deploy.ContainerStatusChanged;
import dev.ppl.contracts.deploy.DeploymentStarted;
import dev.ppl.contracts.deploy.DeploymentStatusChanged;
import dev.ppl.contracts.deploy.DeploymentStopped;
import dev.ppl.contracts.manifest.GoDuration;
import dev.ppl.deploy.DeployConfig;
import dev.ppl.deploy.files.BoundFileService;
import dev.ppl.deploy.infra.DataTopics;
import dev.ppl.deploy.infra.OperationsClient;
import dev.ppl.deploy.runtime.ContainerListener;
import dev.ppl.deploy.runtime.RuntimeDriver;
import dev.ppl.deploy.runtime.RuntimeRegistry;
import dev.ppl.deploy.runtime.Workload;
import dev.ppl.service.kafka.EventPublisher;
import dev.ppl.service.persistence.Db;
import dev.ppl.service.web.ProblemException;
import dev.ppl.service.web.ResourceNotFoundException;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * Deploys a backend pinned at its current sequence number, keeps the state of its containers and its
 * status, and undeploys it. Runs on worker threads: starting processes and creating topics block.
 *
 * <p>
 * Status: {@code starting} until every workload runs, then {@code running}; {@code stable} once they all
 * kept running, with no restart, for the settle period. A container that exits is restarted by its
 * driver and puts the deployment back to {@code starting}; the crash after {@code max-restarts} restarts
 * fails it ({@code failed}, its containers stopped, the row kept until undeploy), as does a container
 * that cannot start at all. Undeploy makes it {@code stopped}. Each change is stored and published as
 * {@link DeploymentStatusChanged}, all of one deployment's under its lock so they happen in order.
 */
@ApplicationScoped
public class DeploymentService {
    private static final Logger LOG = Logger.getLogger(DeploymentService.class);
    private static final TypeReference<List<VertexRoute>> ROUTES = new TypeReference<>() {
    };
    /** Nothing but undeploy moves a deployment out of these. */
    private static final Set<String> DONE = Set.of("stopped", "failed");
    private static final String RUNNING = ContainerStatus.RUNNING.wire();
    private static final int LOCK_STRIPES = 1024;

    private final RuntimeRegistry runtimes;
    private final OperationsClient operations;
    private final DataTopics topics;
    private final EventPublisher events;
    private final DeployConfig config;
    private final BoundFileService files;
    private final String kafkaBootstrap;
    /**
     * The deployments' locks, striped: a fixed number of monitors, however many deployment ids come by (a report or
     * an undeploy of one that does not exist included). Two deployments that share a stripe only wait for each other.
     */
    private final Object[] locks = new Object[LOCK_STRIPES];
    /**
     * The settle clock of each running deployment: a timer only makes it stable if its token is still here. An entry
     * lives from running to stable, failed or stopped, so there are never more than there are running deployments.
     */
    private final Map<String, Object> settling = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "deploy-timers");
        t.setDaemon(true);
        return t;
    });

    public DeploymentService(RuntimeRegistry runtimes, @RestClient OperationsClient operations, DataTopics topics,
            EventPublisher events, DeployConfig config, BoundFileService files,
            @ConfigProperty(name = "kafka.bootstrap.servers") String kafkaBootstrap) {
        this.runtimes = runtimes;
        this.files = files;
        this.operations = operations;
        this.topics = topics;
        this.events = events;
        this.config = config;
        this.kafkaBootstrap = kafkaBootstrap;
        Arrays.setAll(locks, i -> new Object());
    }

    public DeploymentView deploy(String workspaceId, DeployRequest request) {
        runtimes.require(request.runtime());
        return deployGraph(workspaceId, request, graph(workspaceId, request.backendId()));
    }

    /** Deploys a graph as {@code GET /internal/backends/{id}} of the operations-service returns it. */
    public DeploymentView deployGraph(String workspaceId, DeployRequest request, JsonNode graph) {
        RuntimeDriver driver = runtimes.require(request.runtime());
        String deploymentId = Ids.next(Ids.DEPLOYMENT);
        DeploymentPlan plan = DeploymentPlan.of(deploymentId, graph, kafkaBootstrap(driver), request.leaseId(),
                fileId -> files.url(workspaceId, fileId, driver));
        driver.prepare(plan, request.backendId(), request.leaseId());
        Instant now = Instant.now();
        DeploymentEntity d = new DeploymentEntity();
        d.id = deploymentId;
        d.workspaceId = workspaceId;
        d.backendId = request.backendId();
        d.backendSeq = plan.backendSeq();
        d.runtime = driver.id();
        d.leaseId = request.leaseId();
        d.status = "starting";
        d.vertices = json(plan.routes());
        d.createdAt = now;
        d.undeployAt = request.fixedDuration() == null ? null
                : now.plus(GoDuration.parse(request.fixedDuration(), "fixed_duration"));
        Db.tx(() -> {
            Uni<?> chain = d.persist();
            for (Workload w : plan.workloads()) {
                ContainerEntity c = new ContainerEntity();
                c.id = w.containerId();
                c.deploymentId = deploymentId;
                c.vertexId = w.vertexId();
                c.status = ContainerStatus.WAITING.wire();
                c.workload = json(w);
                chain = chain.chain(c::persist);
            }
            return chain;
        });
        events.publish(Topics.DEPLOY_EVENTS, deploymentId,
                new DeploymentStarted(deploymentId, request.backendId(), plan.backendSeq(),
                        driver.id(), workspaceId, request.leaseId(), now));
        publishStatus(d, null);
        for (Workload w : plan.workloads()) {
            events.publish(Topics.DEPLOY_EVENTS, deploymentId,
                    new ContainerStatusChanged(deploymentId, w.containerId(), w.vertexId(),
                            request.leaseId(), ContainerStatus.WAITING, null, 0, null, Instant.now()));
        }
        // The answer is the deployment as created; how its containers come up is reported by events.
        DeploymentView created = view(workspaceId, deploymentId);
        try {
            topics.create(plan.topics());
            startAll(deploymentId, driver, plan.workloads(), new Listener(deploymentId, Map.of()));
        } catch (RuntimeException e) {
            // Nothing half-deployed is left behind: what was started is stopped and the topics go.
            try {
                locked(deploymentId, () -> {
                    DeploymentEntity current = live(deploymentId);
                    if (current != null) {
                        fail(current, "deploying failed: " + e.getMessage(), null);
                    }
                    return null;
                });
                stop(deploymentId, "deploy_failed");
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        if (d.undeployAt != null) {
            scheduleUndeploy(workspaceId, deploymentId, d.undeployAt);
        }
        return created;
    }

    /**
     * Starts again, after a restart of the deploy-service, the containers of every deployment that is
     * neither stopped nor failed. Where they stopped with the service (the drivers stopped what was left
     * before this runs), each counts one restart more, as a kubelet counts a container it starts again;
     * where they outlive it (Kubernetes), the driver takes them over as they are.
     */
    public void resume(@Observes StartupEvent startup) {
        List<DeploymentEntity> wanted = Db.tx(() -> DeploymentEntity.<DeploymentEntity> list(
                "status not in ('stopped', 'failed') order by createdAt"));
        for (DeploymentEntity d : wanted) {
            try {
                resume(d.id);
            } catch (RuntimeException e) {
                LOG.errorf(e, "deployment %s could not be resumed", d.id);
            }
        }
    }

    private void resume(String deploymentId) {
        locked(deploymentId, () -> {
            DeploymentEntity d = live(deploymentId);
            if (d == null) {
                return null;
            }
            if (d.undeployAt != null) {
                scheduleUndeploy(d.workspaceId, deploymentId, d.undeployAt);
            }
            RuntimeDriver driver = runtimes.require(d.runtime);
            List<ContainerEntity> containers = containers(deploymentId);
            for (ContainerEntity c : containers) {
                if (c.workload == null) {
                    fail(d, "container " + c.id + " (vertex " + c.vertexId + ") cannot be started again after the "
                            + "deploy-service restarted: the deploy-service that started it did not record what it runs",
                            null);
                    return null;
                }
            }
            if (containers.isEmpty()) {
                return null;
            }
            Map<String, Integer> restarts = new HashMap<>();
            List<Workload> workloads = new ArrayList<>();
            String why = "starting again: the deploy-service restarted";
            for (ContainerEntity c : containers) {
                if (!driver.containersOutliveService()) {
                    setContainer(c.id, ContainerStatus.WAITING, why);
                    publishContainer(d, c.id, c.vertexId, ContainerStatus.WAITING, null, c.restarts, why);
                    restarts.put(c.id, c.restarts + 1);
                }
                workloads.add(workload(c));
            }
            try {
                workloads.replaceAll(w -> current(d.workspaceId, driver, w));
                driver.prepare(new DeploymentPlan(d.id, d.backendSeq, routes(d), workloads, Set.copyOf(topicsOf(d))),
                        d.backendId, d.leaseId);
            } catch (RuntimeException e) {
                fail(d, "cannot be resumed on runtime '" + d.runtime + "': " + e.getMessage(), null);
                return null;
            }
            LOG.infof("deployment %s resumes %d container(s)", deploymentId, workloads.size());
            if (!driver.containersOutliveService()) {
                reconcile(d, "the deploy-service restarted");
            }
            startAll(deploymentId, driver, workloads, new Listener(deploymentId, restarts));
            return null;
        });
    }

    public DeploymentView view(String workspaceId, String deploymentId) {
        DeploymentEntity d = Db.tx(() -> DeploymentEntity.<DeploymentEntity> findById(deploymentId));
        if (d == null || !d.workspaceId.equals(workspaceId)) {
            throw new ResourceNotFoundException("deployment", deploymentId);
        }
        return toView(d);
    }

    /** Deployments that are not stopped, by backend and/or lease. */
    public List<DeploymentView> list(String workspaceId, String backendId, String leaseId) {
        StringBuilder query = new StringBuilder("workspaceId = :workspace and status <> 'stopped'");
        Map<String, Object> params = new java.util.HashMap<>(Map.of("workspace", workspaceId));
        if (backendId != null) {
            query.append(" and backendId = :backend");
            params.put("backend", backendId);
        }
        if (leaseId != null) {
            query.append(" and leaseId = :lease");
            params.put("lease", leaseId);
        }
        List<DeploymentEntity> found = Db.tx(() -> DeploymentEntity.<DeploymentEntity> list(query + " order by createdAt",
                params));
        return found.stream().map(this::toView).toList();
    }

    public void undeploy(String workspaceId, String deploymentId, String reason) {
        DeploymentEntity d = Db.tx(() -> DeploymentEntity.<DeploymentEntity> findById(deploymentId));
        if (d == null || !d.workspaceId.equals(workspaceId)) {
            throw new ResourceNotFoundException("deployment", deploymentId);
        }
        stop(deploymentId, reason);
    }

    /** Takes one deployment ({@code deploymentId}) or all of a lease's (null) out of the lease, so its close keeps them. */
    public void keepLeaseDeployments(String leaseId, String deploymentId) {
        if (deploymentId == null) {
            Db.tx(() -> DeploymentEntity.update("leaseId = null where leaseId = ?1", leaseId));
        } else {
            Db.tx(() -> DeploymentEntity.update("leaseId = null where leaseId = ?1 and id = ?2", leaseId, deploymentId));
        }
    }

    /** Undeploys every running deployment of a lease; answers the ids it stopped. */
    public List<String> undeployLease(String leaseId, String reason) {
        List<DeploymentEntity> owned = Db.tx(() -> DeploymentEntity.<DeploymentEntity> list(
                "leaseId = ?1 and status <> 'stopped'", leaseId));
        List<String> stopped = new ArrayList<>();
        for (DeploymentEntity d : owned) {
            stop(d.id, reason);
            stopped.add(d.id);
        }
        return stopped;
    }

    /** The data topics of a deployment, from its routes. */
    private static List<String> topicsOf(DeploymentEntity d) {
        return routes(d).stream().flatMap(r -> r.inputs().stream().map(VertexRoute.InputRoute::topic)).toList();
    }

    /** Starts the workloads in order until one fails the deployment (a container that cannot start). */
    private void startAll(String deploymentId, RuntimeDriver driver, List<Workload> workloads, Listener listener) {
        locked(deploymentId, () -> {
            if (workloads.isEmpty()) {
                DeploymentEntity d = live(deploymentId);
                if (d != null) {
                    transition(d, "running", null, null);
                    transition(d, "stable", null, null);
                }
            }
            for (Workload w : workloads) {
                if (live(deploymentId) == null) {
                    break;
                }
                driver.start(w, listener);
            }
            return null;
        });
    }

    private void stop(String deploymentId, String reason) {
        DeploymentEntity stopped = locked(deploymentId, () -> {
            DeploymentEntity d = Db.tx(() -> DeploymentEntity.<DeploymentEntity> findById(deploymentId));
            if (d == null || "stopped".equals(d.status)) {
                return null;
            }
            settling.remove(deploymentId);
            RuntimeDriver driver = runtimes.require(d.runtime);
            containers(deploymentId).forEach(c -> driver.stop(c.id));
            driver.removeDeployment(deploymentId);
            Instant now = Instant.now();
            String message = "undeployed (" + reason + ")";
            Db.tx(() -> DeploymentEntity.update("status = 'stopped', message = ?1, stoppedAt = ?2 where id = ?3",
                    message, now, deploymentId)
                    .chain(() -> ContainerEntity.update(
                            "status = 'terminated', message = 'stopped' where deploymentId = ?1 and status <> 'terminated'",
                            deploymentId)));
            events.publish(Topics.DEPLOY_EVENTS, deploymentId, new DeploymentStopped(deploymentId, d.leaseId, reason, now));
            d.status = "stopped";
            d.message = message;
            publishStatus(d, null);
            LOG.infof("deployment %s stopped (%s)", deploymentId, reason);
            return d;
        });
        if (stopped != null) {
            deleteTopics(stopped);
        }
    }

    /** The runtime a container of the caller's workspace runs on; 404 as for a container that does not exist. */
    public RuntimeDriver driverOfContainer(String workspaceId, String containerId) {
        ContainerEntity c = Db.tx(() -> ContainerEntity.<ContainerEntity> findById(containerId));
        DeploymentEntity d = c == null ? null : Db.tx(() -> DeploymentEntity.<DeploymentEntity> findById(c.deploymentId));
        if (d == null || !d.workspaceId.equals(workspaceId)) {
            throw new ResourceNotFoundException("container", containerId);
        }
        return runtimes.require(d.runtime);
    }

    /** A file a workload vertex of the deployment wrote into its {@code PPL_OUTPUT_DIR}, to be sent as it is read. */
    public Path outputFile(String workspaceId, String deploymentId, String vertexId, String key) {
        DeploymentEntity d = Db.tx(() -> DeploymentEntity.<DeploymentEntity> findById(deploymentId));
        if (d == null || !d.workspaceId.equals(workspaceId)) {
            throw new ResourceNotFoundException("deployment", deploymentId);
        }
        return runtimes.require(d.runtime).outputFile(deploymentId, vertexId, key)
                .orElseThrow(() -> new ProblemException(404, "Not found", "vertex " + vertexId + " of deployment "
                        + deploymentId + " has written no output file '" + key + "'", "key",
                        "a path its component wrote under PPL_OUTPUT_DIR"));
    }

    /** Deletes a stopped deployment's topics; what cannot be deleted now is left to the janitor. */
    private void deleteTopics(DeploymentEntity d) {
        try {
            topics.delete(topicsOf(d));
        } catch (RuntimeException e) {
            LOG.warnf("the topics of deployment %s were not deleted (%s); the janitor tries again", d.id, e.getMessage());
        }
    }

    /** Fails the deployment and stops its containers; the row stays, as failed, until undeploy. Under its lock. */
    private void fail(DeploymentEntity d, String message, Integer exitCode) {
        if (!transition(d, "failed", message, exitCode)) {
            return;
        }
        settling.remove(d.id);
        RuntimeDriver driver = runtimes.require(d.runtime);
        String why = "stopped: the deployment failed";
        for (ContainerEntity c : containers(d.id)) {
            driver.stop(c.id);
            if (!ContainerStatus.TERMINATED.wire().equals(c.status)) {
                setContainer(c.id, ContainerStatus.TERMINATED, why);
                publishContainer(d, c.id, c.vertexId, ContainerStatus.TERMINATED, null, c.restarts, why);
            }
        }
    }

    /**
     * The status the containers make: {@code running} once every one runs, which starts the settle clock,
     * {@code starting} while one does not. Every container change restarts the clock. Under the lock.
     */
    private void reconcile(DeploymentEntity d, String why) {
        settling.remove(d.id);
        boolean allRunning = containers(d.id).stream().allMatch(c -> RUNNING.equals(c.status));
        if (!allRunning) {
            transition(d, "starting", why, null);
            return;
        }
        if ("stable".equals(d.status)) {
            return;
        }
        transition(d, "running", null, null);
        Object token = new Object();
        settling.put(d.id, token);
        timers.schedule(() -> settle(d.id, token), config.settlePeriod().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void settle(String deploymentId, Object token) {
        try {
            locked(deploymentId, () -> {
                DeploymentEntity d = live(deploymentId);
                if (d != null && settling.remove(deploymentId, token) && "running".equals(d.status)
                        && containers(deploymentId).stream().allMatch(c -> RUNNING.equals(c.status))) {
                    transition(d, "stable", null, null);
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.errorf(e, "deployment %s could not be marked stable", deploymentId);
        }
    }

    /** Stores and publishes a new status of a deployment that is not done; false if it had it already. */
    private boolean transition(DeploymentEntity d, String status, String message, Integer exitCode) {
        if (DONE.contains(d.status) || d.status.equals(status)) {
            return false;
        }
        Db.tx(() -> DeploymentEntity.<DeploymentEntity> findById(d.id).invoke(found -> {
            found.status = status;
            found.message = message;
        }));
        d.status = status;
        d.message = message;
        publishStatus(d, exitCode);
        LOG.infof("deployment %s is %s%s", d.id, status, message == null ? "" : ": " + message);
        return true;
    }

    private static void setContainer(String containerId, ContainerStatus status, String message) {
        Db.tx(() -> ContainerEntity.<ContainerEntity> findById(containerId).invoke(found -> {
            found.status = status.wire();
            found.message = message;
        }));
    }

    private void publishStatus(DeploymentEntity d, Integer exitCode) {
        events.publish(Topics.DEPLOY_EVENTS, d.id,
                new DeploymentStatusChanged(d.id, d.leaseId, d.status, d.message, exitCode, Instant.now()));
    }

    private void publishContainer(DeploymentEntity d, String containerId, String vertexId, ContainerStatus status,
            Integer exitCode, int restarts, String message) {
        events.publish(Topics.DEPLOY_EVENTS, d.id, new ContainerStatusChanged(d.id, containerId, vertexId, d.leaseId,
                status, exitCode, restarts, message, Instant.now()));
    }

    private void scheduleUndeploy(String workspaceId, String deploymentId, Instant at) {
        long delay = Math.max(0, Duration.between(Instant.now(), at).toMillis());
        timers.schedule(() -> {
            try {
                undeploy(workspaceId, deploymentId, "fixed_duration_elapsed");
            } catch (RuntimeException e) {
                LOG.errorf(e, "deployment %s was not undeployed when its fixed duration elapsed", deploymentId);
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** {@code exit code 137 (OOMKilled)}: the code, and the runtime's reason when its message gives one. */
    private static String lastExit(Integer exitCode, String message) {
        String exited = "exited with code " + exitCode;
        return message != null && message.startsWith(exited) ? "exit code " + exitCode + message.substring(exited.length())
                : "exit code " + exitCode;
    }

    /** Runs work under the deployment's lock: its status changes, container reports and stop never interleave. */
    private <T> T locked(String deploymentId, Supplier<T> work) {
        synchronized (locks[Math.floorMod(deploymentId.hashCode(), LOCK_STRIPES)]) {
            return work.get();
        }
    }

    /** The deployment if it exists and is neither stopped nor failed. */
    private static DeploymentEntity live(String deploymentId) {
        DeploymentEntity d = Db.tx(() -> DeploymentEntity.<DeploymentEntity> findById(deploymentId));
        return d == null || DONE.contains(d.status) ? null : d;
    }

    private static List<ContainerEntity> containers(String deploymentId) {
        return Db.tx(() -> ContainerEntity.<ContainerEntity> list("deploymentId = ?1 order by id", deploymentId));
    }

    /** The broker as the runtime's containers reach it. */
    private String kafkaBootstrap(RuntimeDriver driver) {
        return driver.kafkaBootstrap().orElse(kafkaBootstrap);
    }

    /** The workload as recorded, with what may have changed since it was deployed brought up to date. */
    private Workload current(String workspaceId, RuntimeDriver driver, Workload w) {
        Map<String, String> environment = new HashMap<>(w.environment());
        // The broker may have moved since the container was deployed (the platform started on other ports).
        environment.put("PPL_KAFKA_BOOTSTRAP", kafkaBootstrap(driver));
        // A signed URL expires; the files may be fetched again when a pod is replaced.
        Map<String, Workload.BoundFile> bound = new HashMap<>();
        w.files().forEach((slot, file) -> bound.put(slot,
                new Workload.BoundFile(file.fileId(), files.url(workspaceId, file.fileId(), driver))));
        return new Workload(w.containerId(), w.deploymentId(), w.vertexId(), w.descriptor(), environment, bound);
    }

    private static Workload workload(ContainerEntity c) {
        try {
            return JsonCodec.mapper().readValue(c.workload, Workload.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the workload of container " + c.id + " is not readable", e);
        }
    }

    private JsonNode graph(String workspaceId, String backendId) {
        try {
            return operations.graph(backendId, workspaceId);
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                throw new ProblemException(404, "Not found", "backend '" + backendId + "' does not exist in this workspace",
                        "backend_id", null);
            }
            throw new ProblemException(502, "Bad gateway", "the operations-service answered "
                    + e.getResponse().getStatus() + " for backend '" + backendId + "'", null, null);
        } catch (jakarta.ws.rs.ProcessingException e) {
            throw new ProblemException(503, "Service unavailable", "the operations-service cannot be reached: "
                    + e.getMessage(), null, null);
        }
    }

    private DeploymentView toView(DeploymentEntity d) {
        List<ContainerEntity> containers = containers(d.id);
        return new DeploymentView(d.id, d.backendId, d.backendSeq, d.runtime, d.leaseId, d.workspaceId, d.status, d.message,
                containers.stream().map(c -> new DeploymentView.ContainerView(c.id, c.vertexId, c.status, c.restarts,
                        c.exitCode, c.message)).toList(),
                routes(d));
    }

    private static List<VertexRoute> routes(DeploymentEntity d) {
        try {
            return JsonCodec.mapper().readValue(d.vertices, ROUTES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object value) {
        try {
            return JsonCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    void shutdown() {
        timers.shutdownNow();
    }

    /**
     * Turns what a driver reports into container rows, the deployment's status and events. A report on a
     * deployment that is stopped or failed is late (its containers were stopped) and changes nothing.
     */
    private final class Listener implements ContainerListener {
        private final String deploymentId;
        /** Restarts each container had before this start, added to what the driver counts. */
        private final Map<String, Integer> restartsBefore;

        Listener(String deploymentId, Map<String, Integer> restartsBefore) {
            this.deploymentId = deploymentId;
            this.restartsBefore = Map.copyOf(restartsBefore);
        }

        @Override
        public void running(String containerId, int restarts) {
            report(containerId, ContainerStatus.RUNNING, null, restarts, null, false);
        }

        @Override
        public void waiting(String containerId, int restarts, String message) {
            report(containerId, ContainerStatus.WAITING, null, restarts, message, false);
        }

        @Override
        public void terminated(String containerId, int exitCode, int restarts, String message) {
            report(containerId, ContainerStatus.TERMINATED, exitCode, restarts, message, false);
        }

        @Override
        public void cannotStart(String containerId, String message) {
            report(containerId, ContainerStatus.TERMINATED, null, null, message, true);
        }

        /** @param driverRestarts null when the driver gave up: the container keeps the count it had */
        private void report(String containerId, ContainerStatus status, Integer exitCode, Integer driverRestarts,
                String message, boolean gaveUp) {
            locked(deploymentId, () -> {
                DeploymentEntity d = live(deploymentId);
                if (d == null) {
                    return null;
                }
                ContainerEntity c = Db.tx(() -> ContainerEntity.<ContainerEntity> findById(containerId).invoke(found -> {
                    found.status = status.wire();
                    if (driverRestarts != null) {
                        found.restarts = restartsBefore.getOrDefault(containerId, 0) + driverRestarts;
                    }
                    found.message = message;
                    if (exitCode != null) {
                        found.exitCode = exitCode;
                    }
                }));
                publishContainer(d, containerId, c.vertexId, status, exitCode, c.restarts, message);
                String who = "container " + containerId + " (vertex " + c.vertexId + ")";
                int crashes = c.restarts + 1;
                if (gaveUp) {
                    fail(d, who + " cannot start: " + message, null);
                } else if (status == ContainerStatus.TERMINATED && crashes > config.maxRestarts()) {
                    fail(d, who + " crashed " + crashes + " times; last " + lastExit(exitCode, message), exitCode);
                } else if (status == ContainerStatus.TERMINATED) {
                    reconcile(d, who + " exited with code " + exitCode + "; restart " + crashes + " of "
                            + config.maxRestarts());
                } else {
                    reconcile(d, message == null ? null : who + ": " + message);
                }
                return null;
            });
        }
    }
}
