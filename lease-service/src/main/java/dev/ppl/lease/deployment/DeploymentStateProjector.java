package dev.ppl.lease.deployment;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ppl.contracts.deploy.ContainerStatusChanged;
import dev.ppl.contracts.deploy.DeployEvent;
import dev.ppl.contracts.deploy.DeploymentStarted;
import dev.ppl.contracts.deploy.DeploymentStatusChanged;
import dev.ppl.contracts.deploy.DeploymentStopped;
import dev.ppl.service.persistence.Db;
import io.quarkus.hibernate.reactive.panache.Panache;

/**
 * Keeps the state of every lease-stamped deployment and its containers from the deploy events, then hands
 * each event to the watchers. Writes are upserts guarded by the event's time, so redelivery and reordering
 * within a deployment never move a state backwards.
 */
@ApplicationScoped
public class DeploymentStateProjector {
    private final DeployEventHub hub;

    public DeploymentStateProjector(DeployEventHub hub) {
        this.hub = hub;
    }

    public void project(DeployEvent event) {
        if (event instanceof DeploymentStarted started) {
            deployment(started.deploymentId(), started.leaseId(), "starting", null, null, started.startedAt());
        } else if (event instanceof DeploymentStatusChanged changed) {
            deployment(changed.deploymentId(), changed.leaseId(), changed.status(), changed.message(), changed.exitCode(),
                    changed.at());
        } else if (event instanceof DeploymentStopped stopped) {
            deployment(stopped.deploymentId(), stopped.leaseId(), "stopped", stopped.reason(), null, stopped.stoppedAt());
        } else if (event instanceof ContainerStatusChanged c) {
            Db.tx(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                    "insert into {h-schema}container_states (container_id, deployment_id, vertex_id, status, restarts,"
                            + " exit_code, message, at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                            + " on conflict (container_id) do update set status = excluded.status,"
                            + " restarts = greatest(container_states.restarts, excluded.restarts),"
                            + " exit_code = coalesce(excluded.exit_code, container_states.exit_code),"
                            + " message = excluded.message, at = excluded.at where container_states.at <= excluded.at")
                    .setParameter(1, c.containerId()).setParameter(2, c.deploymentId()).setParameter(3, c.vertexId())
                    .setParameter(4, c.status().wire()).setParameter(5, c.restarts()).setParameter(6, c.exitCode())
                    .setParameter(7, c.message()).setParameter(8, c.at())
                    .executeUpdate()));
        }
        hub.publish(event);
    }

    private static void deployment(String deploymentId, String leaseId, String status, String message, Integer exitCode,
            Instant at) {
        if (leaseId == null) {
            return;
        }
        Db.tx(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                "insert into {h-schema}deployment_states (deployment_id, lease_id, status, message, exit_code, at)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (deployment_id) do update set"
                        + " status = excluded.status, message = excluded.message, exit_code = excluded.exit_code,"
                        + " at = excluded.at where deployment_states.at <= excluded.at")
                .setParameter(1, deploymentId).setParameter(2, leaseId).setParameter(3, status).setParameter(4, message)
                .setParameter(5, exitCode).setParameter(6, at)
                .executeUpdate()));
    }

    /** The deployments of a lease, oldest first. */
    public List<DeploymentStateEntity> deploymentsOf(String leaseId) {
        return Db.tx(() -> DeploymentStateEntity.<DeploymentStateEntity> list("leaseId = ?1 order by at", leaseId));
    }

    /** The containers of these deployments, by id. */
    public List<ContainerStateEntity> containersOf(Collection<String> deploymentIds) {
        if (deploymentIds.isEmpty()) {
            return List.of();
        }
        return Db.tx(() -> ContainerStateEntity.<ContainerStateEntity> list(
                "deploymentId in ?1 order by containerId", deploymentIds));
    }

}
