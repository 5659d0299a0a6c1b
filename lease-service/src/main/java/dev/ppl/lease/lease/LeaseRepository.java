package dev.ppl.lease.lease;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ppl.contracts.lease.LeaseResourcesReleased;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Lease rows. State changes are conditional updates on the current state, so two closers racing (a
 * client and the reaper) close a lease once, and the winner alone publishes the close.
 */
@ApplicationScoped
public class LeaseRepository {

    public Uni<LeaseEntity> find(String leaseId) {
        return LeaseEntity.findById(leaseId);
    }

    /** A query over one workspace's leases; every condition added narrows it (AND). */
    public static final class Filter {
        private final StringBuilder where = new StringBuilder("workspaceId = :workspace");
        private final Map<String, Object> params = new HashMap<>();

        public Filter(String workspaceId) {
            params.put("workspace", workspaceId);
        }

        public Filter labelContains(String text) {
            return and("locate(:label, label) > 0", "label", text);
        }

        public Filter labelPrefix(String prefix) {
            return and("substring(label, 1, length(:prefix)) = :prefix", "prefix", prefix);
        }

        public Filter state(LeaseState state) {
            return and("state = :state", "state", state.wire());
        }

        public Filter states(Collection<String> states) {
            return and("state in :states", "states", states);
        }

        public Filter runtime(String runtime) {
            return and("runtime = :runtime", "runtime", runtime);
        }

        public Filter failed() {
            return and("resultStatus = :failed", "failed", "failed");
        }

        public Filter createdBefore(Instant at) {
            return and("createdAt <= :createdBefore", "createdBefore", at);
        }

        public Filter closedBefore(Instant at) {
            return and("closedAt <= :closedBefore", "closedBefore", at);
        }

        private Filter and(String condition, String name, Object value) {
            where.append(" and ").append(condition);
            params.put(name, value);
            return this;
        }
    }

    public Uni<List<LeaseEntity>> list(Filter filter) {
        return LeaseEntity.list(filter.where + " order by createdAt, id", filter.params);
    }

    /** One page of the filter's leases, oldest first, from {@code offset}. */
    public Uni<List<LeaseEntity>> page(Filter filter, int offset, int limit) {
        return LeaseEntity.<LeaseEntity> find(filter.where + " order by createdAt, id", filter.params)
                .range(offset, offset + limit - 1).list();
    }

    public Uni<Long> count(Filter filter) {
        return LeaseEntity.count(filter.where.toString(), filter.params);
    }

    /** Answers 1 if this call closed the lease, 0 if it was no longer open. */
    public Uni<Integer> close(String leaseId, LeaseState to, String reason, Instant at) {
        return LeaseEntity.update("state = ?1, closedAt = ?2, closeReason = ?3, closePublished = false"
                + " where id = ?4 and state = ?5", to.wire(), at, reason, leaseId, LeaseState.OPEN.wire());
    }

    public Uni<Integer> markClosePublished(String leaseId) {
        return LeaseEntity.update("closePublished = true where id = ?1", leaseId);
    }

    public Uni<Integer> markClosesPublished(Collection<String> leaseIds) {
        return LeaseEntity.update("closePublished = true where id in ?1", leaseIds);
    }

    public Uni<Integer> setResult(String leaseId, String status, String result, String debug, Instant at) {
        return LeaseEntity.update("resultStatus = ?1, result = ?2, resultDebug = ?3, resultAt = ?4 where id = ?5", status,
                result, debug, at, leaseId);
    }

    /**
     * Closes up to {@code limit} open leases whose TTL has passed, with reason {@code ttl_expired}, and answers
     * them as closed. Rows another reaper has locked are skipped, so two replicas never close a lease twice.
     */
    public Uni<List<LeaseEntity>> closeExpired(Instant now, int limit) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "select id from {h-schema}leases where state = 'open' and expires_at <= ?1 order by expires_at"
                        + " limit ?2 for update skip locked",
                String.class)
                .setParameter(1, now).setParameter(2, limit).getResultList())
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<LeaseEntity> of())
                        : LeaseEntity.update("state = ?1, closedAt = ?2, closeReason = 'ttl_expired', closePublished = false"
                                + " where id in ?3", LeaseState.ROLLING_BACK.wire(), now, ids)
                                .chain(() -> LeaseEntity.<LeaseEntity> list("id in ?1", ids)));
    }

    /** When the next open lease expires; null when none is open. */
    public Uni<Instant> nextExpiry() {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                "select min(expiresAt) from LeaseEntity where state = 'open'", Instant.class).getSingleResultOrNull());
    }

    /** Closed leases whose close event the broker never acknowledged, closed before {@code before}. */
    public Uni<List<LeaseEntity>> unpublishedCloses(Instant before) {
        return LeaseEntity.list("state <> ?1 and closePublished = false and closedAt < ?2",
                LeaseState.OPEN.wire(), before);
    }

    /**
     * A rolling-back lease is done once every owner has released what it owned: {@code failed} when its run
     * failed, {@code rolled_back} otherwise.
     */
    public Uni<Integer> completeRollbackIfReleased(String leaseId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "update {h-schema}leases set state = case when result_status = 'failed' then ?1 else ?2 end"
                        + " where id = ?3 and state = ?4"
                        + " and (select count(distinct owner) from {h-schema}lease_releases where lease_id = ?3) >= ?5")
                .setParameter(1, LeaseState.FAILED.wire()).setParameter(2, LeaseState.ROLLED_BACK.wire())
                .setParameter(3, leaseId).setParameter(4, LeaseState.ROLLING_BACK.wire())
                .setParameter(5, LeaseResourcesReleased.OWNERS.size())
                .executeUpdate());
    }

    /** Deletes settled leases and everything recorded about them; a lease that is not settled is left alone. */
    public Uni<Integer> delete(Collection<String> leaseIds) {
        List<String> settled = List.of(LeaseState.ROLLED_BACK.wire(), LeaseState.FAILED.wire(),
                LeaseState.COMMITTED.wire());
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "delete from {h-schema}leases where id in (?1) and state in (?2)").setParameter(1, leaseIds)
                .setParameter(2, settled).executeUpdate()
                .call(() -> s.createNativeQuery("delete from {h-schema}lease_resources r where lease_id in (?1)"
                        + " and not exists (select 1 from {h-schema}leases l where l.id = r.lease_id)")
                        .setParameter(1, leaseIds).executeUpdate())
                .call(() -> s.createNativeQuery("delete from {h-schema}lease_releases r where lease_id in (?1)"
                        + " and not exists (select 1 from {h-schema}leases l where l.id = r.lease_id)")
                        .setParameter(1, leaseIds).executeUpdate())
                .call(() -> s.createNativeQuery("delete from {h-schema}container_states c where deployment_id in"
                        + " (select deployment_id from {h-schema}deployment_states d where d.lease_id in (?1)"
                        + " and not exists (select 1 from {h-schema}leases l where l.id = d.lease_id))")
                        .setParameter(1, leaseIds).executeUpdate())
                .call(() -> s.createNativeQuery("delete from {h-schema}lease_outputs o where lease_id in (?1)"
                        + " and not exists (select 1 from {h-schema}leases l where l.id = o.lease_id)")
                        .setParameter(1, leaseIds).executeUpdate())
                .call(() -> s.createNativeQuery("delete from {h-schema}deployment_states d where lease_id in (?1)"
                        + " and not exists (select 1 from {h-schema}leases l where l.id = d.lease_id)")
                        .setParameter(1, leaseIds).executeUpdate()));
    }
}
