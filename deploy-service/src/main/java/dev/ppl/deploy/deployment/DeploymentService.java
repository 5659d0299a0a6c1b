package dev.ppl.deploy.deployment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
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
import dev.ppl.contracts.deploy.DeploymentStopped;
import dev.ppl.contracts.manifest.GoDuration;
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
import io.smallrye.mutiny.Uni;

/**
 * Deploys a backend pinned at its current sequence number, keeps the state of its containers, and
 * undeploys it. Runs on worker threads: starting processes and creating topics block.
 */
@ApplicationScoped
public class DeploymentService {
    private static final Logger LOG = Logger.getLogger(DeploymentService.class);
    private static final TypeReference<List<VertexRoute>> ROUTES = new TypeReference<>() {
    };

    private final RuntimeRegistry runtimes;
    private final OperationsClient operations;
    private final DataTopics topics;
    private final EventPublisher events;
    private final String kafkaBootstrap;
    /** Deployments being undeployed: their processes' exits are expected, not failures. */
    private final Set<String> stopping = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "deploy-fixed-duration");
        t.setDaemon(true);
        return t;
    });

    public DeploymentService(RuntimeRegistry runtimes, @RestClient OperationsClient operations, DataTopics topics,
            EventPublisher events, @ConfigProperty(name = "kafka.bootstrap.servers") String kafkaBootstrap) {
        this.runtimes = runtimes;
        this.operations = operations;
        this.topics = topics;
        this.events = events;
        this.kafkaBootstrap = kafkaBootstrap;
    }

    public DeploymentView deploy(String workspaceId, DeployRequest request) {
        runtimes.require(request.runtime());
        return deployGraph(workspaceId, request, graph(workspaceId, request.backendId()));
    }

    /** Deploys a graph as {@code GET /internal/backends/{id}} of the operations-service returns it. */
    public DeploymentView deployGraph(String workspaceId, DeployRequest request, JsonNode graph) {
        RuntimeDriver driver = runtimes.require(request.runtime());
        String deploymentId = Ids.next(Ids.DEPLOYMENT);
        DeploymentPlan plan = DeploymentPlan.of(deploymentId, graph, kafkaBootstrap, request.leaseId());
        Instant now = Instant.now();
        Db.tx(() -> {
            DeploymentEntity d = new DeploymentEntity();
            d.id = deploymentId;
            d.workspaceId = workspaceId;
            d.backendId = request.backendId();
            d.backendSeq = plan.backendSeq();
            d.runtime = driver.id();
            d.leaseId = request.leaseId();
            d.status = plan.workloads().isEmpty() ? "running" : "starting";
            d.vertices = json(plan.routes());
            d.createdAt = now;
            Uni<?> chain = d.persist();
            for (Workload w : plan.workloads()) {
                ContainerEntity c = new ContainerEntity();
                c.id = w.containerId();
                c.deploymentId = deploymentId;
                c.vertexId = w.vertexId();
                c.status = ContainerStatus.WAITING.wire();
                chain = chain.chain(c::persist);
            }
            return chain;
        });
        events.publish(Topics.DEPLOY_EVENTS, deploymentId,
                new DeploymentStarted(deploymentId, request.backendId(), plan.backendSeq(),
                        driver.id(), workspaceId, request.leaseId(), now));
        for (Workload w : plan.workloads()) {
            events.publish(Topics.DEPLOY_EVENTS, deploymentId,
                    new ContainerStatusChanged(deploymentId, w.containerId(), w.vertexId(),
                            request.leaseId(), ContainerStatus.WAITING, null, 0, null, Instant.now()));
        }
        // The answer is the deployment as created; how its containers come up is reported by events.
        DeploymentView created = view(workspaceId, deploymentId);
        try {
            topics.create(plan.topics());
            ContainerListener listener = new Listener(deploymentId, request.leaseId());
            for (Workload w : plan.workloads()) {
                driver.start(w, listener);
            }
        } catch (RuntimeException e) {
            // Nothing half-deployed is left behind: what was started is stopped and the topics go.
            try {
                Db.tx(() -> DeploymentEntity.update("status = 'failed', message = ?1 where id = ?2",
                        "deploying failed: " + e.getMessage(), deploymentId));
                stop(Db.tx(() -> DeploymentEntity.<DeploymentEntity> findById(deploymentId)), "deploy_failed");
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        if (request.fixedDuration() != null) {
            long millis = GoDuration.parse(request.fixedDuration(), "fixed_duration").toMillis();
            timers.schedule(() -> undeploy(workspaceId, deploymentId, "fixed_duration_elapsed"), millis, TimeUnit.MILLISECONDS);
        }
        return created;
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
        stop(d, reason);
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
            stop(d, reason);
            stopped.add(d.id);
        }
        return stopped;
    }

    private void stop(DeploymentEntity d, String reason) {
        if ("stopped".equals(d.status)) {
            return;
        }
        stopping.add(d.id);
        try {
            RuntimeDriver driver = runtimes.require(d.runtime);
            List<ContainerEntity> containers = Db.tx(() -> ContainerEntity.<ContainerEntity> list("deploymentId", d.id));
            containers.forEach(c -> driver.stop(c.id));
            topics.delete(topicsOf(d));
            Instant now = Instant.now();
            Db.tx(() -> DeploymentEntity.update("status = 'stopped', stoppedAt = ?1 where id = ?2", now, d.id)
                    .chain(() -> ContainerEntity.update(
                            "status = 'terminated', message = coalesce(message, 'stopped') where deploymentId = ?1 and status <> 'terminated'",
                            d.id)));
            events.publish(Topics.DEPLOY_EVENTS, d.id, new DeploymentStopped(d.id, d.leaseId, reason, now));
            LOG.infof("deployment %s stopped (%s)", d.id, reason);
        } finally {
            stopping.remove(d.id);
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
        List<ContainerEntity> containers = Db
                .tx(() -> ContainerEntity.<ContainerEntity> list("deploymentId = ?1 order by id", d.id));
        return new DeploymentView(d.id, d.backendId, d.backendSeq, d.runtime, d.leaseId, d.workspaceId, d.status, d.message,
                containers.stream().map(c -> new DeploymentView.ContainerView(c.id, c.vertexId, c.status, c.restarts,
                        c.exitCode, c.message)).toList(),
                routes(d));
    }

    private static List<String> topicsOf(DeploymentEntity d) {
        return routes(d).stream().flatMap(r -> r.inputs().stream().map(VertexRoute.InputRoute::topic)).toList();
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

    /** Turns what a driver reports into container rows, the deployment's status and events. */
    private final class Listener implements ContainerListener {
        private final String deploymentId;
        private final String leaseId;

        Listener(String deploymentId, String leaseId) {
            this.deploymentId = deploymentId;
            this.leaseId = leaseId;
        }

        @Override
        public void running(String containerId) {
            ContainerEntity c = Db.tx(() -> ContainerEntity.<ContainerEntity> findById(containerId)
                    .invoke(found -> found.status = ContainerStatus.RUNNING.wire()));
            Db.tx(() -> ContainerEntity.count("deploymentId = ?1 and status <> 'running'", deploymentId)
                    .chain(notRunning -> notRunning == 0
                            ? DeploymentEntity.update("status = 'running' where id = ?1 and status = 'starting'", deploymentId)
                            : Uni.createFrom().item(0)));
            events.publish(Topics.DEPLOY_EVENTS, deploymentId,
                    new ContainerStatusChanged(deploymentId, containerId, c.vertexId, leaseId,
                            ContainerStatus.RUNNING, null, c.restarts, null, Instant.now()));
        }

        @Override
        public void terminated(String containerId, int exitCode, String message) {
            boolean expected = stopping.contains(deploymentId);
            ContainerEntity c = Db.tx(() -> ContainerEntity.<ContainerEntity> findById(containerId).invoke(found -> {
                found.status = ContainerStatus.TERMINATED.wire();
                found.exitCode = exitCode;
                found.message = message;
            }));
            if (!expected) {
                String why = "container " + containerId + " (vertex " + c.vertexId + ") " + message;
                Db.tx(() -> DeploymentEntity.update("status = 'failed', message = ?1 where id = ?2 and status <> 'stopped'",
                        why, deploymentId));
            }
            events.publish(Topics.DEPLOY_EVENTS, deploymentId,
                    new ContainerStatusChanged(deploymentId, containerId, c.vertexId, leaseId,
                            ContainerStatus.TERMINATED, exitCode, c.restarts, message, Instant.now()));
        }
    }

}
