package dev.ppl.lease.ttl;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.ppl.lease.LeaseConfig;
import dev.ppl.lease.lease.LeaseService;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Rolls back leases whose TTL has passed, with no client involved: the same close as a client's rollback,
 * with reason {@code ttl_expired}. It sleeps until the next expiry it knows of, but never longer than the
 * poll interval, so a lease opened meanwhile with a shorter TTL is reaped at most one interval late. Also
 * republishes closes whose event the broker did not take. Its own thread rather than {@code @Scheduled}: a
 * fixed tick either wakes needlessly often or reaps up to a whole tick late.
 */
@ApplicationScoped
public class LeaseReaper {
    private static final Logger LOG = Logger.getLogger(LeaseReaper.class);
    /** Long enough that a close still being published by the request that made it is not published twice. */
    private static final Duration PUBLISH_GRACE = Duration.ofSeconds(30);
    private static final Duration REPUBLISH_EVERY = Duration.ofSeconds(5);

    private final LeaseService leases;
    private final Duration pollInterval;
    private volatile boolean running;
    private Thread thread;

    public LeaseReaper(LeaseService leases, LeaseConfig config) {
        this.leases = leases;
        this.pollInterval = config.reaperInterval();
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        thread = new Thread(this::loop, "lease-reaper");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(5000);
        }
    }

    private void loop() {
        Instant nextRepublish = Instant.now();
        boolean failing = false;
        while (running) {
            try {
                leases.rollbackExpired();
                if (!Instant.now().isBefore(nextRepublish)) {
                    leases.republishUnpublishedCloses(PUBLISH_GRACE);
                    nextRepublish = Instant.now().plus(REPUBLISH_EVERY);
                }
                Instant next = leases.nextExpiry();
                long sleep = pollInterval.toMillis();
                if (next != null) {
                    sleep = Math.min(sleep, Math.max(0, Duration.between(Instant.now(), next).toMillis() + 1));
                }
                if (failing) {
                    LOG.info("reaping expired leases works again");
                    failing = false;
                }
                if (sleep > 0) {
                    Thread.sleep(sleep);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (OutOfMemoryError e) {
                throw e;
            } catch (RuntimeException | Error e) {
                // The database or the broker is away, or anything else went wrong: try again after a pause rather than
                // stop reaping for good, and say so once per outage rather than at every try.
                if (!failing) {
                    LOG.warnf("reaping expired leases failed, retrying every %d ms until it works: %s",
                            pollInterval.toMillis(), e.getMessage());
                    failing = true;
                }
                try {
                    Thread.sleep(pollInterval.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
