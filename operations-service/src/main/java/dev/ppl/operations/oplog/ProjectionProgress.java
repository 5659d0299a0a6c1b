package dev.ppl.operations.oplog;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * How far this instance's projector has applied each backend's log, so a write answers only once a read
 * sees it. A backend projected by another instance is checked in the database instead, a few times a
 * second at most, since no notification crosses instances.
 */
@ApplicationScoped
public class ProjectionProgress {
    private static final long REMOTE_CHECK_MILLIS = 5;

    private final Map<String, Long> applied = new ConcurrentHashMap<>();
    private volatile boolean caughtUp;

    public void advance(String backendId, long seq) {
        applied.merge(backendId, seq, Math::max);
        synchronized (this) {
            notifyAll();
        }
    }

    public void markCaughtUp() {
        caughtUp = true;
        synchronized (this) {
            notifyAll();
        }
    }

    /** Forgets everything: the projection is being rebuilt. */
    public void reset() {
        applied.clear();
        caughtUp = false;
    }

    /** Waits until the projection has caught up with the log; false on timeout. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return awaitCondition(() -> caughtUp, timeout, 0);
    }

    public boolean isCaughtUp() {
        return caughtUp;
    }

    /**
     * Waits until {@code seq} of the backend is projected; false on timeout.
     *
     * @param projectedElsewhere asks the database, for a backend whose partition another instance projects; null
     *        when this instance projects it
     */
    public boolean await(String backendId, long seq, Duration timeout, java.util.function.LongSupplier projectedElsewhere)
            throws InterruptedException {
        if (projectedElsewhere == null) {
            return awaitCondition(() -> applied.getOrDefault(backendId, -1L) >= seq, timeout, 0);
        }
        return awaitCondition(() -> applied.getOrDefault(backendId, -1L) >= seq || projectedElsewhere.getAsLong() >= seq,
                timeout, REMOTE_CHECK_MILLIS);
    }

    private synchronized boolean awaitCondition(BooleanSupplier done, Duration timeout, long pollMillis)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            long waitMillis = Math.max(1, left / 1_000_000);
            wait(pollMillis > 0 ? Math.min(pollMillis, waitMillis) : waitMillis);
        }
        return true;
    }
}
