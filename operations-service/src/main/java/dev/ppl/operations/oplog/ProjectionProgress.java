package dev.ppl.operations.oplog;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * How far the projector has applied each backend's log, so a writer can answer only once a read sees
 * its write.
 */
@ApplicationScoped
public class ProjectionProgress {
    private final Map<String, Long> applied = new ConcurrentHashMap<>();

    public void advance(String backendId, long seq) {
        applied.merge(backendId, seq, Math::max);
        synchronized (this) {
            notifyAll();
        }
    }

    /** Waits until {@code seq} of the backend is projected; false on timeout. */
    public boolean await(String backendId, long seq, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (applied.getOrDefault(backendId, -1L) < seq) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }
}
