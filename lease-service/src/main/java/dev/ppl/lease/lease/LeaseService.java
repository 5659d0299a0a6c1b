package dev.ppl.lease.lease;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.ppl.contracts.Ids;
import dev.ppl.contracts.Topics;
import dev.ppl.contracts.codec.Message;
import dev.ppl.contracts.lease.CleanupPolicy;
import dev.ppl.contracts.lease.LeaseCommitted;
import dev.ppl.contracts.lease.LeaseOpened;
import dev.ppl.contracts.lease.LeaseRolledBack;
import dev.ppl.contracts.manifest.GoDuration;
import dev.ppl.lease.LeaseConfig;
import dev.ppl.lease.ownership.LeaseResourceEntity;
import dev.ppl.lease.ownership.OwnershipRepository;
import dev.ppl.service.kafka.EventPublisher;
import dev.ppl.service.persistence.Db;
import dev.ppl.service.web.InvalidInputException;

/**
 * Opens, reads and closes leases. A close is first written to the lease row, then published; the row
 * remembers whether the broker acknowledged the close event, so a close whose publication failed is
 * published again by the reaper instead of being lost. Runs on worker threads.
 */
@ApplicationScoped
public class LeaseService {
    private static final Logger LOG = Logger.getLogger(LeaseService.class);

    private final LeaseRepository leases;
    private final OwnershipRepository ownership;
    private final EventPublisher events;
    private final LeaseConfig config;

    public LeaseService(LeaseRepository leases, OwnershipRepository ownership, EventPublisher events, LeaseConfig config) {
        this.leases = leases;
        this.ownership = ownership;
        this.events = events;
        this.config = config;
    }

    public LeaseView open(String workspaceId, OpenLeaseRequest request) {
        Duration ttl = request.ttl() == null ? config.defaultTtl() : GoDuration.parse(request.ttl(), "ttl");
        if (ttl.compareTo(config.maxTtl()) > 0) {
            ttl = config.maxTtl();
        }
        CleanupPolicy policy = cleanupPolicy(request.cleanupPolicy());
        Instant now = now();
        LeaseEntity lease = new LeaseEntity();
        lease.id = Ids.next(Ids.LEASE);
        lease.workspaceId = workspaceId;
        lease.runtime = request.runtime() == null || request.runtime().isBlank() ? config.defaultRuntime() : request.runtime();
        lease.label = request.label();
        lease.state = LeaseState.OPEN.wire();
        lease.ttlSeconds = Math.max(1, ttl.toSeconds());
        lease.expiresAt = now.plus(ttl);
        lease.cleanupPolicy = policy.wire();
        lease.createdAt = now;
        Db.tx(lease::persist);
        events.publish(Topics.LEASE_EVENTS, lease.id, new LeaseOpened(lease.id, workspaceId, lease.runtime, lease.label,
                lease.ttlSeconds, lease.expiresAt, policy, now));
        return views(List.of(lease)).get(0);
    }

    public LeaseView get(String workspaceId, String leaseId) {
        return views(List.of(require(workspaceId, leaseId))).get(0);
    }

    /** The lease of the caller's workspace; 404 for a lease of another workspace, as for one that does not exist. */
    public LeaseEntity require(String workspaceId, String leaseId) {
        LeaseEntity lease = Db.tx(() -> leases.find(leaseId));
        if (lease == null || !lease.workspaceId.equals(workspaceId)) {
            throw new LeaseNotFoundException(leaseId);
        }
        return lease;
    }

    public List<LeaseView> list(String workspaceId, String labelContains, String state) {
        LeaseState filter = state == null || state.isBlank() ? null : LeaseState.fromWire(state, "state");
        return views(Db.tx(() -> leases.list(workspaceId, labelContains, filter)));
    }

    /** Rolls an open lease back; a closed lease is answered unchanged. */
    public LeaseView rollback(String workspaceId, String leaseId, String reason) {
        close(require(workspaceId, leaseId), LeaseState.ROLLING_BACK, reason);
        return get(workspaceId, leaseId);
    }

    /** Commits an open lease; a closed lease is answered unchanged. */
    public LeaseView commit(String workspaceId, String leaseId) {
        close(require(workspaceId, leaseId), LeaseState.COMMITTED, "client");
        return get(workspaceId, leaseId);
    }

    /** Rolls back every open lease whose TTL has passed; answers how many it closed. */
    public int rollbackExpired() {
        int closed = 0;
        for (LeaseEntity lease : Db.tx(() -> leases.expired(now()))) {
            if (close(lease, LeaseState.ROLLING_BACK, "ttl_expired")) {
                LOG.infof("lease %s expired at %s: rolled back", lease.id, lease.expiresAt);
                closed++;
            }
        }
        return closed;
    }

    /** Publishes the close events the broker did not acknowledge when the lease closed. */
    public void republishUnpublishedCloses(Duration olderThan) {
        for (LeaseEntity lease : Db.tx(() -> leases.unpublishedCloses(now().minus(olderThan)))) {
            LOG.warnf("lease %s: publishing its close event again", lease.id);
            publishClose(lease);
        }
    }

    private boolean close(LeaseEntity lease, LeaseState to, String reason) {
        if (!LeaseState.OPEN.wire().equals(lease.state)) {
            return false;
        }
        Instant at = now();
        if (Db.tx(() -> leases.close(lease.id, to, reason, at)) == 0) {
            return false;
        }
        lease.state = to.wire();
        lease.closedAt = at;
        lease.closeReason = reason;
        publishClose(lease);
        return true;
    }

    private void publishClose(LeaseEntity lease) {
        CleanupPolicy policy = CleanupPolicy.fromWire(lease.cleanupPolicy);
        Message event = LeaseState.COMMITTED.wire().equals(lease.state)
                ? new LeaseCommitted(lease.id, lease.workspaceId, lease.closedAt)
                : new LeaseRolledBack(lease.id, lease.workspaceId, lease.closeReason, policy, lease.closedAt);
        events.publish(Topics.LEASE_EVENTS, lease.id, event);
        Db.tx(() -> leases.markClosePublished(lease.id));
    }

    private List<LeaseView> views(List<LeaseEntity> found) {
        if (found.isEmpty()) {
            return List.of();
        }
        List<String> ids = found.stream().map(l -> l.id).toList();
        Map<String, List<LeaseView.Resource>> resources = Db.tx(() -> ownership.resourcesOf(ids)).stream()
                .collect(Collectors.groupingBy(r -> r.leaseId, Collectors.mapping(LeaseService::resource,
                        Collectors.toList())));
        Map<String, List<String>> releases = Db.tx(() -> ownership.releasesOf(ids)).stream()
                .collect(Collectors.groupingBy(r -> r.leaseId, Collectors.mapping(r -> r.owner, Collectors.toList())));
        List<LeaseView> views = new ArrayList<>(found.size());
        for (LeaseEntity l : found) {
            views.add(new LeaseView(l.id, l.workspaceId, l.runtime, l.label, l.state, l.ttlSeconds, l.expiresAt,
                    l.cleanupPolicy, l.createdAt, l.closedAt, l.closeReason, resources.getOrDefault(l.id, List.of()),
                    releases.getOrDefault(l.id, List.of())));
        }
        return views;
    }

    private static LeaseView.Resource resource(LeaseResourceEntity r) {
        return new LeaseView.Resource(r.kind, r.resourceId, r.owner);
    }

    private static CleanupPolicy cleanupPolicy(String value) {
        if (value == null) {
            return CleanupPolicy.DELETE_EPHEMERAL_RESOURCES;
        }
        try {
            return CleanupPolicy.fromWire(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("cleanup_policy", "delete_ephemeral_resources or retain_all", e.getMessage());
        }
    }

    /** Microseconds are what PostgreSQL keeps: a lease reads back exactly as it was answered. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
