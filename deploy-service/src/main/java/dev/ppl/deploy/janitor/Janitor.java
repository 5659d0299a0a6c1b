package dev.ppl.deploy.janitor;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.Topics;
import dev.ppl.deploy.DeployConfig;
import dev.ppl.deploy.deployment.DeploymentEntity;
import dev.ppl.deploy.deployment.DeploymentService;
import dev.ppl.deploy.infra.DataTopics;
import dev.ppl.deploy.runtime.RuntimeDriver;
import dev.ppl.deploy.runtime.RuntimeRegistry;
import dev.ppl.service.http.InternalClient;
import dev.ppl.service.persistence.Db;
import dev.ppl.service.web.ProblemException;
import io.quarkus.scheduler.Scheduled;

/**
 * Removes what nothing should be running any more, in case an event was missed or a step failed: the
 * deployments of leases the lease-service reports closed or does not know, containers of deployments that
 * are stopped, failed or unknown, and the data topics of stopped deployments.
 */
@ApplicationScoped
public class Janitor {
    private static final Logger LOG = Logger.getLogger(Janitor.class);
    /** Undeploying is the lease close's work; the janitor only stands in when the close was not acted on. */
    private static final String REASON = "lease_closed";
    /** Deployments that still run containers; anything a driver runs for another deployment is an orphan. */
    private static final Set<String> LIVE = Set.of("starting", "running", "stable");

    private final DeploymentService deployments;
    private final RuntimeRegistry runtimes;
    private final DataTopics topics;
    private final InternalClient leases;
    private final Duration grace;
    private volatile boolean leaseServiceAway;

    public Janitor(DeploymentService deployments, RuntimeRegistry runtimes, DataTopics topics, DeployConfig config) {
        this.deployments = deployments;
        this.runtimes = runtimes;
        this.topics = topics;
        // A round must not hang on a lease-service that takes connections and never answers.
        this.leases = new InternalClient("lease-service", config.leaseUrl(), "deploy-service", "janitor",
                Duration.ofSeconds(5));
        this.grace = config.janitorGrace();
    }

    @Scheduled(every = "${ppl.deploy.janitor-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        step("undeploying deployments of closed leases", this::undeployClosedLeases);
        step("stopping orphan containers", this::stopOrphans);
        step("deleting the topics of stopped deployments", this::deleteStoppedTopics);
    }

    /** Undeploys deployments whose lease is closed or unknown; does nothing while the lease-service is away. */
    void undeployClosedLeases() {
        List<DeploymentEntity> leased = Db.tx(() -> DeploymentEntity.<DeploymentEntity> list(
                "status <> 'stopped' and leaseId is not null order by createdAt"));
        Instant youngest = Instant.now().minus(grace);
        Map<String, Optional<JsonNode>> answers = new HashMap<>();
        for (DeploymentEntity d : leased) {
            Optional<JsonNode> lease;
            try {
                lease = answers.computeIfAbsent(d.workspaceId + "/" + d.leaseId, key -> lease(d.workspaceId, d.leaseId));
            } catch (ProblemException e) {
                if (e.status() == 503 || e.status() == 504) {
                    if (!leaseServiceAway) {
                        LOG.infof("the lease-service does not answer (%s); leases are checked again when it does",
                                e.getMessage());
                    }
                    leaseServiceAway = true;
                    return;
                }
                LOG.warnf("the lease-service refused to show lease %s of deployment %s: %s", d.leaseId, d.id, e.getMessage());
                continue;
            }
            if (leaseServiceAway) {
                LOG.info("the lease-service answers again");
                leaseServiceAway = false;
            }
            Optional<String> why = closed(d, lease, youngest);
            if (why.isPresent()) {
                LOG.infof("undeploying deployment %s: %s", d.id, why.get());
                deployments.undeploy(d.workspaceId, d.id, REASON);
            }
        }
    }

    /**
     * Why the deployment's lease no longer holds it, if it does not. A lease the lease-service does not
     * know is closed only for a deployment older than the grace. A committed lease, or one rolled back
     * under {@code retain_all}, keeps what it owns: its close event clears the stamp, so the janitor leaves
     * those alone rather than race it.
     */
    private static Optional<String> closed(DeploymentEntity d, Optional<JsonNode> lease, Instant youngest) {
        if (lease.isEmpty()) {
            return d.createdAt.isBefore(youngest)
                    ? Optional.of("the lease-service does not know its lease " + d.leaseId)
                    : Optional.empty();
        }
        String state = lease.get().path("state").asText();
        if (state.equals("open") || state.equals("committed")
                || lease.get().path("cleanup_policy").asText().equals("retain_all")) {
            return Optional.empty();
        }
        return Optional.of("its lease " + d.leaseId + " is " + state);
    }

    private Optional<JsonNode> lease(String workspaceId, String leaseId) {
        try {
            return Optional.of(leases.get(workspaceId, "/internal/leases/" + InternalClient.segment(leaseId)));
        } catch (ProblemException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Stops every container a driver runs, or finds a pid file of, whose deployment does not want it running. */
    void stopOrphans() {
        for (RuntimeDriver driver : runtimes.drivers()) {
            Map<String, String> running = driver.containers();
            if (running.isEmpty()) {
                continue;
            }
            Set<String> live = Db.tx(() -> DeploymentEntity.<DeploymentEntity> list("id in ?1", Set.copyOf(running.values())))
                    .stream().filter(d -> LIVE.contains(d.status)).map(d -> d.id).collect(Collectors.toSet());
            running.forEach((containerId, deploymentId) -> {
                if (!live.contains(deploymentId)) {
                    LOG.infof("stopping container %s: its deployment %s is not running", containerId, deploymentId);
                    driver.stop(containerId);
                }
            });
        }
    }

    /**
     * Deletes the data topics ({@code ppl.data.<deployment>.*}) of deployments of this database that are
     * stopped; topics of deployments it does not know may be another platform's and are never touched.
     */
    void deleteStoppedTopics() {
        Map<String, List<String>> byDeployment = topics.names(Topics.DATA_PREFIX).stream().collect(Collectors.groupingBy(
                t -> t.substring(Topics.DATA_PREFIX.length()).split("\\.", 2)[0]));
        if (byDeployment.isEmpty()) {
            return;
        }
        List<DeploymentEntity> stopped = Db.tx(() -> DeploymentEntity.<DeploymentEntity> list(
                "id in ?1 and status = 'stopped'", byDeployment.keySet()));
        for (DeploymentEntity d : stopped) {
            LOG.infof("deleting the topics left by stopped deployment %s", d.id);
            topics.delete(byDeployment.get(d.id));
        }
    }

    private static void step(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.warnf("janitor: %s failed (%s); it is tried again next round", what, e);
            LOG.debug("janitor step failed", e);
        }
    }
}
