package dev.ppl.lease.lease;

import java.time.Instant;
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

    public Uni<List<LeaseEntity>> list(String workspaceId, String labelContains, LeaseState state) {
        StringBuilder query = new StringBuilder("workspaceId = :workspace");
        Map<String, Object> params = new HashMap<>(Map.of("workspace", workspaceId));
        if (labelContains != null && !labelContains.isEmpty()) {
            query.append(" and locate(:label, label) > 0");
            params.put("label", labelContains);
        }
        if (state != null) {
            query.append(" and state = :state");
            params.put("state", state.wire());
        }
        return LeaseEntity.list(query + " order by createdAt, id", params);
    }

    /** Answers 1 if this call closed the lease, 0 if it was no longer open. */
    public Uni<Integer> close(String leaseId, LeaseState to, String reason, Instant at) {
        return LeaseEntity.update("state = ?1, closedAt = ?2, closeReason = ?3, closePublished = false"
                + " where id = ?4 and state = ?5", to.wire(), at, reason, leaseId, LeaseState.OPEN.wire());
    }

    public Uni<Integer> markClosePublished(String leaseId) {
        return LeaseEntity.update("closePublished = true where id = ?1", leaseId);
    }

    public Uni<List<LeaseEntity>> expired(Instant now) {
        return LeaseEntity.list("state = ?1 and expiresAt <= ?2 order by expiresAt", LeaseState.OPEN.wire(), now);
    }

    /** Closed leases whose close event the broker never acknowledged, closed before {@code before}. */
    public Uni<List<LeaseEntity>> unpublishedCloses(Instant before) {
        return LeaseEntity.list("state <> ?1 and closePublished = false and closedAt < ?2",
                LeaseState.OPEN.wire(), before);
    }

    /** A rolling-back lease becomes rolled back once every owner has released what it owned. */
    public Uni<Integer> completeRollbackIfReleased(String leaseId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "update {h-schema}leases set state = ?1 where id = ?2 and state = ?3"
                        + " and (select count(distinct owner) from {h-schema}lease_releases where lease_id = ?2) >= ?4")
                .setParameter(1, LeaseState.ROLLED_BACK.wire()).setParameter(2, leaseId)
                .setParameter(3, LeaseState.ROLLING_BACK.wire())
                .setParameter(4, LeaseResourcesReleased.OWNERS.size())
                .executeUpdate());
    }
}
