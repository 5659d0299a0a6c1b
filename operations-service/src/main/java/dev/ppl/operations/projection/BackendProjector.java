package dev.ppl.operations.projection;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.ppl.contracts.Topics;
import dev.ppl.contracts.backend.LogCompacted;
import dev.ppl.contracts.codec.MessageDecodingException;
import dev.ppl.operations.graph.BackendState;
import dev.ppl.operations.graph.RefusedEventException;
import dev.ppl.operations.infra.LogConsumer;
import dev.ppl.operations.oplog.LoggedEvents;
import dev.ppl.operations.oplog.ProjectionProgress;
import dev.ppl.service.kafka.DeadLetters;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Projects {@code ppl.backend.operations} into PostgreSQL: per backend the graph document (the same fold
 * the writer holds) and the browsable log. Idempotent by sequence number: an event at or below a
 * backend's projected seq changes nothing, so redelivery and replay are safe and the projection equals
 * the replay of the log. A partition's batch, and the consumer position after it, is one transaction.
 */
@ApplicationScoped
public class BackendProjector implements LogConsumer.Handler<BackendProjector.Decoded> {
    private static final Logger LOG = Logger.getLogger(BackendProjector.class);
    private static final String GROUP = "operations-service-projector";
    private static final int PARALLEL_DECODE = 200;

    private final ProjectionProgress progress;
    private final ProjectionStore store;
    private final DeadLetters deadLetters;
    private final String bootstrap;
    /** Sets records aside off the database's threads, which a wait for the broker must not hold. */
    private final ExecutorService settingAside = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "projector-dead-letters");
        t.setDaemon(true);
        return t;
    });
    private volatile LogConsumer<Decoded> reader;

    public BackendProjector(ProjectionProgress progress, ProjectionStore store, DeadLetters deadLetters,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.progress = progress;
        this.store = store;
        this.deadLetters = deadLetters;
        this.bootstrap = bootstrap;
    }

    void start(@Observes StartupEvent startup) {
        reader = LogConsumer.start(bootstrap, GROUP, Topics.BACKEND_OPERATIONS, this);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (reader != null) {
            reader.close();
        }
        settingAside.shutdown();
    }

    /** Whether the reader of the log runs (between a rebuild's stop and start it briefly does not). */
    public boolean readerAlive() {
        LogConsumer<Decoded> r = reader;
        return r != null && r.alive();
    }

    /** True if this instance projects the partition the backend is keyed to. */
    public boolean projectsHere(int partition) {
        LogConsumer<Decoded> r = reader;
        return r != null && r.holds(partition);
    }

    /**
     * Drops the projection and replays the whole topic into it: stops the reader, empties the tables and
     * positions, and starts reading from the beginning. Waits until the replay has caught up.
     */
    public synchronized void rebuild() throws InterruptedException {
        LogConsumer<Decoded> r = reader;
        if (r != null) {
            r.close();
        }
        long started = System.nanoTime();
        store.clear();
        progress.reset();
        LOG.infof("projection dropped in %d ms; replaying %s", (System.nanoTime() - started) / 1_000_000,
                Topics.BACKEND_OPERATIONS);
        reader = LogConsumer.start(bootstrap, GROUP, Topics.BACKEND_OPERATIONS, this);
    }

    @Override
    public Map<Integer, Long> positions(String topic) {
        Map<Integer, Long> stored = store.positions(topic);
        // What is stored is projected. A reader resuming a partition at the end of its log stores nothing until a
        // record comes, so a restarted instance's reads, which wait for that end, must learn it here.
        stored.forEach(progress::advancePosition);
        return stored;
    }

    /**
     * A batch's events by backend, in log order, with the record each came from; and the records that are no
     * backend event at all, to be set aside once the batch is stored.
     */
    public record Decoded(Map<String, List<ProjectionStore.Logged>> byBackend,
            Map<ProjectionStore.Logged, ConsumerRecord<String, byte[]>> sources, List<Unusable> unusable) {
    }

    /** A record of the log that the projection cannot take, and why. */
    public record Unusable(ConsumerRecord<String, byte[]> record, Throwable why) {
    }

    @Override
    public Decoded prepare(int partition, List<ConsumerRecord<String, byte[]>> records) {
        // Decoding is most of a replay's CPU and each record decodes on its own: a big batch (a rebuild, a
        // writer taking over) spreads it over the cores, a live operation's few records stay on this thread.
        List<Object> decoded = (records.size() >= PARALLEL_DECODE ? records.parallelStream() : records.stream())
                .map(BackendProjector::decode).toList();
        Map<String, List<ProjectionStore.Logged>> byBackend = new LinkedHashMap<>();
        Map<ProjectionStore.Logged, ConsumerRecord<String, byte[]>> sources = new IdentityHashMap<>();
        List<Unusable> unusable = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (decoded.get(i) instanceof ProjectionStore.Logged logged) {
                byBackend.computeIfAbsent(logged.event().backendId(), id -> new ArrayList<>()).add(logged);
                sources.put(logged, records.get(i));
            } else {
                unusable.add(new Unusable(records.get(i), (Throwable) decoded.get(i)));
            }
        }
        return new Decoded(byBackend, sources, unusable);
    }

    /** The record as a logged event, or why it is none. */
    private static Object decode(ConsumerRecord<String, byte[]> record) {
        try {
            // The browsable log keeps the record as it was written, not a re-encoding.
            Optional<ProjectionStore.Logged> logged = LoggedEvents.decode(record.value())
                    .map(event -> new ProjectionStore.Logged(event, new String(record.value(), StandardCharsets.UTF_8)));
            if (logged.isPresent()) {
                return logged.get();
            }
            return new MessageDecodingException("no backend event this version knows");
        } catch (RuntimeException e) {
            return e;
        }
    }

    @Override
    public CompletionStage<Void> store(int partition, Decoded batch, Long storedPosition, long nextOffset) {
        ProjectionStore.Position position = new ProjectionStore.Position(Topics.BACKEND_OPERATIONS, partition,
                storedPosition, nextOffset);
        if (batch.byBackend().isEmpty()) {
            return store.writePosition(position).thenRun(() -> progress.advancePosition(partition, nextOffset))
                    .thenCompose(done -> setAside(batch.unusable()));
        }
        Map<String, BackendState> folded = new LinkedHashMap<>();
        List<ProjectionStore.Logged> applied = new ArrayList<>();
        List<LogCompacted> compactions = new ArrayList<>();
        List<Unusable> refused = new ArrayList<>(batch.unusable());
        return store.write(position, batch.byBackend().keySet(), current -> {
            for (Map.Entry<String, List<ProjectionStore.Logged>> entry : batch.byBackend().entrySet()) {
                BackendState state = current.getOrDefault(entry.getKey(), new BackendState());
                for (ProjectionStore.Logged logged : entry.getValue()) {
                    try {
                        if (state.apply(logged.event())) {
                            applied.add(logged);
                            if (logged.event() instanceof LogCompacted compacted) {
                                compactions.add(compacted);
                            }
                        }
                    } catch (RefusedEventException e) {
                        refused.add(new Unusable(batch.sources().get(logged), e));
                    }
                }
                if (state.seq() >= 0) {
                    folded.put(entry.getKey(), state);
                }
            }
            return new ProjectionStore.Changes(folded.values(), applied, compactions);
        }).thenRun(() -> {
            folded.values().forEach(s -> progress.advance(partition, s.backendId(), s.seq()));
            progress.advancePosition(partition, nextOffset);
        }).thenCompose(done -> setAside(refused));
    }

    /**
     * Sets aside what the batch could not take, once the batch and the position past it are stored: a batch read
     * again after a failed store sets its records aside only once it succeeds. Until the broker has them, the
     * reader waits, as for any store.
     */
    private CompletionStage<Void> setAside(List<Unusable> unusable) {
        if (unusable.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> unusable.forEach(u -> deadLetters.setAside(u.record().topic(),
                u.record().partition(), u.record().offset(), u.record().key(), u.record().value(), u.why())), settingAside);
    }

    @Override
    public void resumed(int partition) {
        // Most likely another instance rebuilt the projection: what this instance knew of the partition is gone
        // with it, and reads of its backends wait for the replay.
        progress.forget(partition);
    }

    @Override
    public void caughtUp() {
        LOG.info("the backend projection has caught up with the operation log");
        progress.markCaughtUp();
    }
}
