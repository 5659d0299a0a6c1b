package dev.ppl.service.kafka;

import java.util.List;

import dev.ppl.contracts.lease.OwnedResource;

/**
 * What a service that creates lease-stamped rows does when a lease changes. Every method is idempotent:
 * the lease topic is read at least once.
 */
public interface LeaseOwner {
    /** Deletes what this service owns for the lease; answers what it deleted. */
    List<OwnedResource> deleteOwned(String leaseId);

    /** Clears the lease stamp of every row this service owns for the lease, so nothing deletes them later. */
    void keepOwned(String leaseId);

    /** Clears the lease stamp of one row, if this service owns that kind of row; other kinds are ignored. */
    void promote(String leaseId, String kind, String resourceId);
}
