package dev.ppl.operations.oplog;

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
 * The writer of {@code ppl.backend.operations}: one append at a time per backend (decide, append, wait
 * for the projection), so sequence numbers are gap-free and each decision sees the previous write. One
 * instance writes for now; partition ownership across instances comes with issue 3.
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

    /** Runs {@code decide} under the backend's write lock and appends the event it returns. */
    public BackendEvent append(String backendId, Supplier<BackendEvent> decide) {
        ReentrantLock lock = writers.computeIfAbsent(backendId, id -> new ReentrantLock());
        lock.lock();
        try {
            BackendEvent event = decide.get();
            publisher.publish(Topics.BACKEND_OPERATIONS, backendId, event);
            try {
                if (!progress.await(backendId, event.seq(), config.projectionWait())) {
                    throw new ProblemException(503, "Service unavailable", "operation " + event.seq() + " of backend "
                            + backendId + " is in the log but not projected yet; read it again shortly", null, null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return event;
        } finally {
            lock.unlock();
        }
    }
}
