package dev.ppl.operations.oplog;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * How far the projector has applied each backend's log, so a writer answers only once a read sees its
 * write, and decides nothing before the projection has caught up with the log as it was at start (a
 * decision on a stale graph would reuse a sequence number).
 */
@ApplicationScoped
public class ProjectionProgress {
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

    public boolean isCaughtUp() {
        return caughtUp;
    }

    /** Waits until {@code seq} of the backend is projected; false on timeout. */
    public boolean await(String backendId, long seq, Duration timeout) throws InterruptedException {
        return awaitCondition(() -> applied.getOrDefault(backendId, -1L) >= seq, timeout);
    }

    /** Waits until the projection has caught up with the log; false on timeout. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return awaitCondition(() -> caughtUp, timeout);
    }

    private synchronized boolean awaitCondition(BooleanSupplier done, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
