package dev.ppl.operations.oplog;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ppl.contracts.Topics;
import dev.ppl.contracts.backend.BackendEvent;
import dev.ppl.operations.OperationsConfig;
import dev.ppl.service.kafka.EventPublisher;
import dev.ppl.service.web.ProblemException;

/**
 * The writer of {@code ppl.backend.operations}: one append at a time per backend (decide, append with
 * the broker's acknowledgement, wait for the projection), so sequence numbers are gap-free and each
 * decision sees the previous write. One instance writes for now; partition ownership across instances
 * comes with the full operation vocabulary.
 */
@ApplicationScoped
public class OperationLog {
    private final Map<String, ReentrantLock> writers = new ConcurrentHashMap<>();
    private final EventPublisher publisher;
    private final ProjectionProgress progress;
    private final OperationsConfig config;

    public OperationLog(EventPublisher publisher, ProjectionProgress progress, OperationsConfig config) {
        this.publisher = publisher;
        this.progress = progress;
        this.config = config;
    }

    /**
     * Runs {@code decide} under the backend's write lock and appends the event it returns; a refusal is
     * an exception from {@code decide}, and then nothing is appended.
     */
    public BackendEvent append(String backendId, Supplier<BackendEvent> decide) {
        Duration wait = config.projectionWait();
        ReentrantLock lock = writers.computeIfAbsent(backendId, id -> new ReentrantLock());
        lock.lock();
        try {
            if (!awaitOrFalse(() -> progress.awaitCaughtUp(wait))) {
                throw unavailable("the projection is still catching up with the operation log; retry shortly");
            }
            BackendEvent event = decide.get();
            publisher.publish(Topics.BACKEND_OPERATIONS, backendId, event);
            if (!awaitOrFalse(() -> progress.await(backendId, event.seq(), wait))) {
                throw unavailable("operation " + event.seq() + " of backend " + backendId
                        + " is in the log but not projected yet; read it again shortly");
            }
            return event;
        } finally {
            lock.unlock();
        }
    }

    private interface Wait {
        boolean await() throws InterruptedException;
    }

    private static boolean awaitOrFalse(Wait wait) {
        try {
            return wait.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static ProblemException unavailable(String detail) {
        return new ProblemException(503, "Service unavailable", detail, null, null);
    }
}
