package dev.ppl.lease.ownership;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** What leases own and who has released it. Writes are idempotent: an event delivered twice is recorded once. */
@ApplicationScoped
public class OwnershipRepository {

    public Uni<Integer> recordResource(String leaseId, String kind, String resourceId, String owner, Instant at) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "insert into {h-schema}lease_resources (lease_id, kind, resource_id, owner, recorded_at) values (?1, ?2, ?3, ?4, ?5)"
                        + " on conflict do nothing")
                .setParameter(1, leaseId).setParameter(2, kind).setParameter(3, resourceId).setParameter(4, owner)
                .setParameter(5, at)
                .executeUpdate());
    }

    public Uni<Integer> recordRelease(String leaseId, String owner, Instant at) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "insert into {h-schema}lease_releases (lease_id, owner, released_at) values (?1, ?2, ?3) on conflict do nothing")
                .setParameter(1, leaseId).setParameter(2, owner).setParameter(3, at)
                .executeUpdate());
    }

    public Uni<LeaseResourceEntity> find(String leaseId, String kind, String resourceId) {
        return LeaseResourceEntity.find("leaseId = ?1 and kind = ?2 and resourceId = ?3", leaseId, kind, resourceId)
                .firstResult();
    }

    /** Marks a row promoted while its lease is still open; answers 1 if it did. */
    public Uni<Integer> promote(String leaseId, String kind, String resourceId, Instant at) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "update {h-schema}lease_resources set promoted_at = ?4 where lease_id = ?1 and kind = ?2 and resource_id = ?3"
                        + " and promoted_at is null and exists (select 1 from {h-schema}leases l where l.id = ?1 and l.state = 'open')")
                .setParameter(1, leaseId).setParameter(2, kind).setParameter(3, resourceId).setParameter(4, at)
                .executeUpdate());
    }

    public Uni<List<LeaseResourceEntity>> resourcesOf(Collection<String> leaseIds) {
        return LeaseResourceEntity.list("leaseId in ?1 order by recordedAt, kind, resourceId", leaseIds);
    }

    public Uni<List<LeaseReleaseEntity>> releasesOf(Collection<String> leaseIds) {
        return LeaseReleaseEntity.list("leaseId in ?1 order by releasedAt, owner", leaseIds);
    }
}
