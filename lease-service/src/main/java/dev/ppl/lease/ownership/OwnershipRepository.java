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

    public Uni<List<LeaseResourceEntity>> resourcesOf(Collection<String> leaseIds) {
        return LeaseResourceEntity.list("leaseId in ?1 order by recordedAt, kind, resourceId", leaseIds);
    }

    public Uni<List<LeaseReleaseEntity>> releasesOf(Collection<String> leaseIds) {
        return LeaseReleaseEntity.list("leaseId in ?1 order by releasedAt, owner", leaseIds);
    }
}
