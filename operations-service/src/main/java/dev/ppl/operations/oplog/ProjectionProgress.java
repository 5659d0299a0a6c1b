package dev.ppl.operations.oplog;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.ppl.operations.OperationsConfig;

/**
 * How far this instance's projector has applied each backend's log and each partition of the topic, so a
 * write or a read can wait until the projection shows what it must. A partition projected by another
 * instance is checked in the database instead, every few milliseconds, since no notification crosses
 * instances.
 */
@ApplicationScoped
public class ProjectionProgress {
    private static final long REMOTE_CHECK_MILLIS = 5;

    /**
     * Per partition of the operation log, how far each of its backends is projected: the most recently projected
     * {@code ppl.operations.projection-progress-backends} of them, in a strict LRU that always takes a new backend
     * (a write waits on the backend it just wrote). Partitions are a fixed few.
     */
    private final Map<Integer, Map<String, Long>> applied = new ConcurrentHashMap<>();
    private final int backendsPerPartition;
    /** Per partition of the operation log, the offset the projection has read up to (exclusive); a fixed few. */
    private final Map<Integer, Long> positions = new ConcurrentHashMap<>();
    private volatile boolean caughtUp;
    /** Bumped on every change, so a waiter that checked before a change does not sleep through it. */
    private long changes;

    @Inject
    public ProjectionProgress(OperationsConfig config) {
        this(config.projectionProgressBackends());
    }

    ProjectionProgress(int backendsPerPartition) {
        this.backendsPerPartition = backendsPerPartition;
    }

    public void advance(int partition, String backendId, long seq) {
        applied.computeIfAbsent(partition, p -> lru(backendsPerPartition)).merge(backendId, seq, Math::max);
        changed();
    }

    private static Map<String, Long> lru(int maximum) {
        return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > maximum;
            }
        });
    }

    public void advancePosition(int partition, long nextOffset) {
        positions.merge(partition, nextOffset, Math::max);
        changed();
    }

    public void markCaughtUp() {
        caughtUp = true;
        changed();
    }

    /** Forgets a partition: the projection of it is being replayed from the beginning. */
    public void forget(int partition) {
        applied.remove(partition);
        positions.remove(partition);
        changed();
    }

    /** Forgets everything: the projection is being rebuilt. */
    public void reset() {
        applied.clear();
        positions.clear();
        caughtUp = false;
    }

    public boolean isCaughtUp() {
        return caughtUp;
    }

    /** Waits until the projection has caught up with the log; false on timeout. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return awaitCondition(() -> caughtUp, timeout, Long.MAX_VALUE);
    }

    /**
     * Waits until {@code seq} of the backend is projected; false on timeout.
     *
     * @param projectedElsewhere asks the database, for a backend whose partition another instance projects; null
     *        when this instance projects it
     */
    public boolean await(int partition, String backendId, long seq, Duration timeout, LongSupplier projectedElsewhere)
            throws InterruptedException {
        if (projectedElsewhere == null) {
            return awaitCondition(() -> applied(partition, backendId) >= seq, timeout, Long.MAX_VALUE);
        }
        return awaitCondition(() -> applied(partition, backendId) >= seq || projectedElsewhere.getAsLong() >= seq, timeout,
                REMOTE_CHECK_MILLIS);
    }

    private long applied(int partition, String backendId) {
        Map<String, Long> backends = applied.get(partition);
        return backends == null ? -1 : backends.getOrDefault(backendId, -1L);
    }

    /**
     * Waits until the projection has read a partition of the log up to {@code offset}; false on timeout.
     *
     * @param projectedElsewhere asks the database, for a partition another instance projects; null when this
     *        instance projects it
     */
    public boolean awaitPosition(int partition, long offset, Duration timeout, LongSupplier projectedElsewhere)
            throws InterruptedException {
        // A partition nothing was read from is read up to offset 0: a read of an empty partition (a backend id no
        // record was ever keyed to) has nothing to wait for, and the reader stores no position until a record comes.
        if (projectedElsewhere == null) {
            return awaitCondition(() -> positions.getOrDefault(partition, 0L) >= offset, timeout, Long.MAX_VALUE);
        }
        return awaitCondition(() -> positions.getOrDefault(partition, 0L) >= offset
                || projectedElsewhere.getAsLong() >= offset, timeout, REMOTE_CHECK_MILLIS);
    }

    private synchronized void changed() {
        changes++;
        notifyAll();
    }

    /** Checks {@code done} outside the monitor (it may query the database), and sleeps until a change or the next poll. */
    private boolean awaitCondition(BooleanSupplier done, Duration timeout, long pollMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long seen;
            synchronized (this) {
                seen = changes;
            }
            if (done.getAsBoolean()) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            synchronized (this) {
                if (changes == seen) {
                    wait(Math.max(1, Math.min(pollMillis, left / 1_000_000)));
                }
            }
        }
    }
}
