package dev.ppl.lease.wait;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ppl.contracts.deploy.ContainerStatus;
import dev.ppl.contracts.deploy.ContainerStatusChanged;
import dev.ppl.contracts.deploy.DeployEvent;
import dev.ppl.contracts.deploy.DeploymentStarted;
import dev.ppl.contracts.deploy.DeploymentStatusChanged;
import dev.ppl.contracts.deploy.DeploymentStopped;
import dev.ppl.lease.deployment.ContainerStateEntity;
import dev.ppl.lease.deployment.DeployEventHub;
import dev.ppl.lease.deployment.DeploymentStateEntity;
import dev.ppl.lease.deployment.DeploymentStateProjector;
import dev.ppl.lease.lease.LeaseService;
import dev.ppl.lease.lease.LeaseState;
import dev.ppl.lease.lease.LeaseView;

/**
 * {@code ppl lease wait}: follows a lease's deployments until they reach the target, fail, spend the
 * caller's crash budget, the lease closes, or the timeout passes; always ends with exactly one final
 * event. Runs on a worker thread for the length of the wait.
 */
@ApplicationScoped
public class LeaseWaiter {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final long LEASE_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final LeaseService leases;
    private final DeploymentStateProjector deployments;
    private final DeployEventHub hub;

    public LeaseWaiter(LeaseService leases, DeploymentStateProjector deployments, DeployEventHub hub) {
        this.leases = leases;
        this.deployments = deployments;
        this.hub = hub;
    }

    /** A validated wait request. */
    public record Request(String workspaceId, String leaseId, WaitProgress.Until until, Integer maxCrashes,
            Duration timeout) {
    }

    /**
     * Emits the wait's events; the last one emitted is the final event. Stops early, without one, once
     * {@code cancelled} says the client went away (checked at least every second).
     */
    public void run(Request request, Consumer<ObjectNode> emit, BooleanSupplier cancelled) {
        long started = System.nanoTime();
        long deadline = started + request.timeout().toNanos();
        WaitProgress progress = new WaitProgress(request.until(), request.maxCrashes());
        Set<String> known = ConcurrentHashMap.newKeySet();
        BlockingQueue<DeployEvent> queue = new LinkedBlockingQueue<>();
        try (DeployEventHub.Subscription ignored = hub.subscribe(e -> {
            if (request.leaseId().equals(leaseOf(e)) || known.contains(e.deploymentId())) {
                queue.add(e);
            }
        })) {
            ObjectNode waiting = JSON.objectNode().put("type", "waiting").put("lease_id", request.leaseId())
                    .put("until", request.until().wire);
            waiting.put("max_crashes", request.maxCrashes());
            waiting.put("timeout_ms", request.timeout().toMillis());
            emit.accept(waiting);
            for (DeployEvent e : snapshot(request.leaseId())) {
                known.add(e.deploymentId());
                progress.apply(e).forEach(emit);
            }
            long nextLeaseCheck = 0;
            while (!cancelled.getAsBoolean()) {
                Optional<ObjectNode> outcome = progress.outcome();
                if (outcome.isPresent()) {
                    emit.accept(outcome.get());
                    return;
                }
                long now = System.nanoTime();
                if (now >= nextLeaseCheck) {
                    LeaseView lease = leases.get(request.workspaceId(), request.leaseId());
                    if (!LeaseState.OPEN.wire().equals(lease.state())) {
                        emit.accept(JSON.objectNode().put("type", "failed").put("reason", "lease_closed")
                                .put("message", "lease " + lease.leaseId() + " is " + lease.state() + " ("
                                        + lease.closeReason() + ")"));
                        return;
                    }
                    nextLeaseCheck = now + LEASE_CHECK_NANOS;
                }
                if (now >= deadline) {
                    emit.accept(JSON.objectNode().put("type", "timeout")
                            .put("waited_ms", TimeUnit.NANOSECONDS.toMillis(now - started))
                            .put("last_status", progress.lastStatus())
                            .put("message", "the deployment did not become " + request.until().wire + " within "
                                    + request.timeout().toMillis() + " ms"));
                    return;
                }
                DeployEvent next = queue.poll(Math.min(deadline, nextLeaseCheck) - now, TimeUnit.NANOSECONDS);
                while (next != null) {
                    known.add(next.deploymentId());
                    progress.apply(next).forEach(emit);
                    next = queue.poll();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The lease's deployments and containers as last projected, as the events that led there. */
    private List<DeployEvent> snapshot(String leaseId) {
        List<DeploymentStateEntity> found = deployments.deploymentsOf(leaseId);
        List<DeployEvent> events = new java.util.ArrayList<>();
        for (DeploymentStateEntity d : found) {
            events.add(new DeploymentStatusChanged(d.deploymentId, leaseId, d.status, d.message, d.exitCode, d.at));
        }
        for (ContainerStateEntity c : deployments.containersOf(found.stream().map(d -> d.deploymentId).toList())) {
            events.add(new ContainerStatusChanged(c.deploymentId, c.containerId, c.vertexId, leaseId,
                    status(c.status), c.exitCode, c.restarts, c.message, c.at == null ? Instant.EPOCH : c.at));
        }
        return events;
    }

    private static ContainerStatus status(String wire) {
        for (ContainerStatus s : ContainerStatus.values()) {
            if (s.wire().equals(wire)) {
                return s;
            }
        }
        throw new IllegalStateException("unknown container status '" + wire + "' in the projection");
    }

    private static String leaseOf(DeployEvent event) {
        if (event instanceof DeploymentStarted e) {
            return e.leaseId();
        }
        if (event instanceof DeploymentStatusChanged e) {
            return e.leaseId();
        }
        if (event instanceof DeploymentStopped e) {
            return e.leaseId();
        }
        if (event instanceof ContainerStatusChanged e) {
            return e.leaseId();
        }
        return null;
    }
}
