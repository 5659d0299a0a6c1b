package dev.ppl.lease.lease;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.Ids;
import dev.ppl.contracts.Topics;
import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.contracts.codec.Message;
import dev.ppl.contracts.lease.CleanupPolicy;
import dev.ppl.contracts.lease.LeaseCommitted;
import dev.ppl.contracts.lease.LeaseOpened;
import dev.ppl.contracts.lease.LeaseResourcePromoted;
import dev.ppl.contracts.lease.LeaseRolledBack;
import dev.ppl.contracts.manifest.GoDuration;
import dev.ppl.lease.LeaseConfig;
import dev.ppl.lease.ownership.LeaseResourceEntity;
import dev.ppl.lease.ownership.OwnershipRepository;
import dev.ppl.service.kafka.EventPublisher;
import dev.ppl.service.persistence.Db;
import dev.ppl.service.web.InvalidInputException;
import dev.ppl.service.web.LimitExceededException;
import dev.ppl.service.web.ResourceNotFoundException;

/**
 * Opens, reads, promotes from and closes leases. A close is first written to the lease row, then
 * published; the row remembers whether the broker acknowledged the close event, so a close whose
 * publication failed is published again by the reaper instead of being lost. Runs on worker threads.
 *
 * <p>
 * A promotion must reach the owners before the close that follows it, or the close would delete the
 * promoted row. Both are keyed by lease id (one partition, one order), and both are published holding
 * the lease's lock: a promotion checks in the database that the lease is open and publishes under the
 * lock, a close publishes under the same lock, so whichever closes the lease meanwhile publishes after it.
 */
@ApplicationScoped
public class LeaseService {
    private static final Logger LOG = Logger.getLogger(LeaseService.class);
    static final Set<String> PROMOTABLE = Set.of("file", "backend", "version", "deployment");
    private static final Set<String> SETTLED = Set.of(LeaseState.ROLLED_BACK.wire(), LeaseState.FAILED.wire(),
            LeaseState.COMMITTED.wire());
    private static final int EXPIRY_BATCH = 200;
    /** How long a promotion waits for the owner's create event, which may still be on its way. */
    private static final Duration OWNERSHIP_GRACE = Duration.ofSeconds(3);

    private final LeaseRepository leases;
    private final OwnershipRepository ownership;
    private final EventPublisher events;
    private final LeaseConfig config;
    private final Object[] locks = new Object[64];

    public LeaseService(LeaseRepository leases, OwnershipRepository ownership, EventPublisher events, LeaseConfig config) {
        this.leases = leases;
        this.ownership = ownership;
        this.events = events;
        this.config = config;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
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
        // Nothing can own a row of a lease nobody has seen yet: no need to look.
        return new LeaseView(lease.id, workspaceId, lease.runtime, lease.label, lease.state, lease.ttlSeconds,
                lease.expiresAt, lease.cleanupPolicy, now, null, null, null, null, List.of(), List.of());
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

    /** One page of a lease list: {@code total} leases match, {@code items} are those from {@code offset}. */
    public record Page(long total, int offset, int limit, List<LeaseView> items) {
    }

    public Page list(String workspaceId, String labelContains, String state, String runtime, boolean failed, int offset,
            int limit) {
        LeaseRepository.Filter filter = new LeaseRepository.Filter(workspaceId);
        if (labelContains != null && !labelContains.isEmpty()) {
            filter.labelContains(labelContains);
        }
        if (state != null && !state.isBlank()) {
            filter.state(LeaseState.fromWire(state, "state"));
        }
        if (runtime != null && !runtime.isBlank()) {
            filter.runtime(runtime);
        }
        if (failed) {
            filter.failed();
        }
        if (limit > config.maxPageSize()) {
            throw LimitExceededException.tooMany("limit", config.maxPageSize(), "leases per page", "ppl.lease.max-page-size",
                    limit);
        }
        long total = Db.tx(() -> leases.count(filter));
        List<LeaseView> items = limit == 0 || offset >= total ? List.of()
                : views(Db.tx(() -> leases.page(filter, offset, limit)));
        return new Page(total, offset, limit, items);
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

    /** Takes one row out of an open lease so that its close keeps it; promoting it again changes nothing. */
    public LeaseView promote(String workspaceId, String leaseId, PromoteRequest request) {
        if (request == null || request.kind() == null || !PROMOTABLE.contains(request.kind())) {
            throw new InvalidInputException("kind", "one of file, backend, version, deployment",
                    "kind must be one of file, backend, version, deployment; was "
                            + (request == null || request.kind() == null ? "missing" : "'" + request.kind() + "'"));
        }
        if (request.id() == null || request.id().isBlank()) {
            throw new InvalidInputException("id", "the id of a row the lease owns");
        }
        LeaseEntity lease = require(workspaceId, leaseId);
        LeaseResourceEntity row = awaitOwned(leaseId, request.kind(), request.id());
        if (row == null) {
            throw new ResourceNotFoundException(request.kind(),
                    request.id() + " (lease '" + leaseId + "' does not own it)");
        }
        if (row.promotedAt != null) {
            return get(workspaceId, leaseId);
        }
        synchronized (lock(leaseId)) {
            if (Db.tx(() -> ownership.promote(leaseId, request.kind(), request.id(), now())) == 0) {
                LeaseEntity now = require(workspaceId, leaseId);
                if (!LeaseState.OPEN.wire().equals(now.state)) {
                    throw new LeaseConflictException("lease '" + leaseId + "' is " + now.state
                            + "; only an open lease's rows can be promoted", "lease_id");
                }
                return get(workspaceId, leaseId);
            }
            events.publish(Topics.LEASE_EVENTS, leaseId, new LeaseResourcePromoted(leaseId, lease.workspaceId,
                    request.kind(), request.id(), now()));
        }
        return get(workspaceId, leaseId);
    }

    /** Rolls back the open leases matching every given filter; refuses an empty filter. */
    public BulkResult rollbackBulk(String workspaceId, BulkRollbackRequest request) {
        BulkRollbackRequest r = request == null ? new BulkRollbackRequest(null, null, null, null, null) : request;
        LeaseRepository.Filter filter = new LeaseRepository.Filter(workspaceId).state(LeaseState.OPEN);
        int given = 0;
        if (r.olderThan() != null) {
            filter.createdBefore(now().minus(GoDuration.parse(r.olderThan(), "older_than")));
            given++;
        }
        if (Boolean.TRUE.equals(r.failed())) {
            filter.failed();
            given++;
        }
        if (r.runtime() != null && !r.runtime().isBlank()) {
            filter.runtime(r.runtime());
            given++;
        }
        if (r.labelPrefix() != null && !r.labelPrefix().isEmpty()) {
            filter.labelPrefix(r.labelPrefix());
            given++;
        }
        if (given == 0) {
            throw new InvalidInputException("filter", "at least one of older_than, failed, runtime, label_prefix",
                    "a bulk rollback needs at least one filter (older_than, failed, runtime, label_prefix);"
                            + " an empty one would roll back every lease");
        }
        List<LeaseEntity> matched = Db.tx(() -> leases.list(filter));
        boolean dryRun = Boolean.TRUE.equals(r.dryRun());
        if (!dryRun) {
            matched.forEach(lease -> close(lease, LeaseState.ROLLING_BACK, "bulk"));
            matched = matched.stream().map(l -> Db.tx(() -> leases.find(l.id))).toList();
        }
        return new BulkResult(dryRun, matched.size(), views(matched));
    }

    /** Deletes the settled leases matching every given filter; refuses an empty filter; never touches an open lease. */
    public BulkResult deleteBulk(String workspaceId, BulkDeleteRequest request) {
        BulkDeleteRequest r = request == null ? new BulkDeleteRequest(null, null, null, null) : request;
        LeaseRepository.Filter filter = new LeaseRepository.Filter(workspaceId).states(SETTLED);
        int given = 0;
        if (r.closedBefore() != null) {
            filter.closedBefore(now().minus(GoDuration.parse(r.closedBefore(), "closed_before")));
            given++;
        }
        if (r.olderThan() != null) {
            filter.createdBefore(now().minus(GoDuration.parse(r.olderThan(), "older_than")));
            given++;
        }
        if (r.status() != null) {
            if (!SETTLED.contains(r.status())) {
                throw new InvalidInputException("status", "one of rolled_back, failed, committed",
                        "status must be one of rolled_back, failed, committed (an open or rolling-back lease is never"
                                + " deleted); was '" + r.status() + "'");
            }
            filter.state(LeaseState.fromWire(r.status(), "status"));
            given++;
        }
        if (given == 0) {
            throw new InvalidInputException("filter", "at least one of closed_before, older_than, status",
                    "a bulk delete needs at least one filter (closed_before, older_than, status)");
        }
        List<LeaseEntity> matched = Db.tx(() -> leases.list(filter));
        List<LeaseView> views = views(matched);
        boolean dryRun = Boolean.TRUE.equals(r.dryRun());
        if (!dryRun && !matched.isEmpty()) {
            Db.tx(() -> leases.delete(matched.stream().map(l -> l.id).toList()));
        }
        return new BulkResult(dryRun, views.size(), views);
    }

    /** Deletes a settled lease and what is recorded about it; an open or rolling-back lease is refused. */
    public void delete(String workspaceId, String leaseId) {
        LeaseEntity lease = require(workspaceId, leaseId);
        if (!SETTLED.contains(lease.state)) {
            throw new LeaseConflictException("lease '" + leaseId + "' is " + lease.state
                    + "; only a rolled_back, failed or committed lease can be deleted", "lease_id");
        }
        Db.tx(() -> leases.delete(List.of(leaseId)));
    }

    /** Records what the lease's run concluded, with the debug bundle of that moment. */
    public LeaseView setResult(String workspaceId, String leaseId, String status, JsonNode result, Object debugBundle) {
        require(workspaceId, leaseId);
        Db.tx(() -> leases.setResult(leaseId, status, json(result), json(debugBundle), now()));
        return get(workspaceId, leaseId);
    }

    /** The debug bundle stored with the lease's result; null when no result was set. */
    public JsonNode resultDebugBundle(String leaseId) {
        LeaseEntity lease = Db.tx(() -> leases.find(leaseId));
        return lease == null ? null : tree(lease.resultDebug);
    }

    /**
     * Rolls back every open lease whose TTL has passed; answers how many it closed. Closes a batch in one
     * statement and publishes its close events together, so a burst of expiries costs a few round trips, not
     * three per lease.
     */
    public int rollbackExpired() {
        int closed = 0;
        while (true) {
            List<LeaseEntity> batch = Db.tx(() -> leases.closeExpired(now(), EXPIRY_BATCH));
            if (batch.isEmpty()) {
                return closed;
            }
            List<Future<?>> sent = new ArrayList<>(batch.size());
            for (LeaseEntity lease : batch) {
                synchronized (lock(lease.id)) {
                    sent.add(events.publishAsync(Topics.LEASE_EVENTS, lease.id, closeEvent(lease)));
                }
            }
            List<String> published = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                try {
                    sent.get(i).get();
                    published.add(batch.get(i).id);
                } catch (ExecutionException e) {
                    // Left unpublished: the reaper publishes it again after the grace.
                    LOG.warnf("lease %s: its close event was not published: %s", batch.get(i).id, e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return closed;
                }
            }
            if (!published.isEmpty()) {
                Db.tx(() -> leases.markClosesPublished(published));
            }
            closed += batch.size();
            LOG.debugf("%d leases expired: rolled back", batch.size());
        }
    }

    /** When the next open lease expires; null when none is open. */
    public Instant nextExpiry() {
        return Db.tx(leases::nextExpiry);
    }

    /** Publishes the close events the broker did not acknowledge when the lease closed. */
    public void republishUnpublishedCloses(Duration olderThan) {
        for (LeaseEntity lease : Db.tx(() -> leases.unpublishedCloses(now().minus(olderThan)))) {
            LOG.warnf("lease %s: publishing its close event again", lease.id);
            synchronized (lock(lease.id)) {
                publishClose(lease);
            }
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
        synchronized (lock(lease.id)) {
            publishClose(lease);
        }
        return true;
    }

    private void publishClose(LeaseEntity lease) {
        events.publish(Topics.LEASE_EVENTS, lease.id, closeEvent(lease));
        Db.tx(() -> leases.markClosePublished(lease.id));
    }

    private static Message closeEvent(LeaseEntity lease) {
        return LeaseState.COMMITTED.wire().equals(lease.state)
                ? new LeaseCommitted(lease.id, lease.workspaceId, lease.closedAt)
                : new LeaseRolledBack(lease.id, lease.workspaceId, lease.closeReason,
                        CleanupPolicy.fromWire(lease.cleanupPolicy), lease.closedAt);
    }

    private LeaseResourceEntity awaitOwned(String leaseId, String kind, String id) {
        long deadline = System.nanoTime() + OWNERSHIP_GRACE.toNanos();
        while (true) {
            LeaseResourceEntity row = Db.tx(() -> ownership.find(leaseId, kind, id));
            if (row != null || System.nanoTime() > deadline) {
                return row;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    private Object lock(String leaseId) {
        return locks[Math.floorMod(leaseId.hashCode(), locks.length)];
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
                    l.cleanupPolicy, l.createdAt, l.closedAt, l.closeReason, l.resultStatus, tree(l.result),
                    resources.getOrDefault(l.id, List.of()), releases.getOrDefault(l.id, List.of())));
        }
        return views;
    }

    private static LeaseView.Resource resource(LeaseResourceEntity r) {
        return new LeaseView.Resource(r.kind, r.resourceId, r.owner, r.promotedAt != null);
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

    static String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return JsonCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode tree(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JsonCodec.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored result is unreadable", e);
        }
    }

    /** Microseconds are what PostgreSQL keeps: a lease reads back exactly as it was answered. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
