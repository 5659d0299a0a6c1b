package dev.ppl.lease.ttl;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ppl.lease.lease.LeaseService;
import io.quarkus.scheduler.Scheduled;

/**
 * Rolls back leases whose TTL has passed, with no client involved: the same close as a client's
 * rollback, with reason {@code ttl_expired}. Also republishes closes whose event the broker did not take.
 */
@ApplicationScoped
public class LeaseReaper {
    /** Long enough that a close still being published by the request that made it is not published twice. */
    private static final Duration PUBLISH_GRACE = Duration.ofSeconds(30);

    private final LeaseService leases;

    public LeaseReaper(LeaseService leases) {
        this.leases = leases;
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reap() {
        leases.rollbackExpired();
        leases.republishUnpublishedCloses(PUBLISH_GRACE);
    }
}
