package dev.ppl.operations.projection;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.ppl.contracts.Topics;
import dev.ppl.contracts.backend.BackendEvent;
import dev.ppl.contracts.backend.LogCompacted;
import dev.ppl.operations.graph.BackendState;
import dev.ppl.operations.infra.LogConsumer;
import dev.ppl.operations.oplog.LoggedEvents;
import dev.ppl.operations.oplog.ProjectionProgress;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Projects {@code ppl.backend.operations} into PostgreSQL: per backend the graph document (the same fold
 * the writer holds) and the browsable log. Idempotent by sequence number: an event at or below a
 * backend's projected seq changes nothing, so redelivery and replay are safe and the projection equals
 * the replay of the log. A partition's batch, and the consumer position after it, is one transaction.
 */
@ApplicationScoped
public class BackendProjector implements LogConsumer.Handler {
    private static final Logger LOG = Logger.getLogger(BackendProjector.class);
    private static final String GROUP = "operations-service-projector";

    private final ProjectionProgress progress;
    private final ProjectionStore store;
    private final String bootstrap;
    private volatile LogConsumer reader;

    public BackendProjector(ProjectionProgress progress, ProjectionStore store,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.progress = progress;
        this.store = store;
        this.bootstrap = bootstrap;
    }

    void start(@Observes StartupEvent startup) {
        reader = LogConsumer.start(bootstrap, GROUP, Topics.BACKEND_OPERATIONS, this);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (reader != null) {
            reader.close();
        }
    }

    /** True if this instance projects the partition the backend is keyed to. */
    public boolean projectsHere(int partition) {
        LogConsumer r = reader;
        return r != null && r.holds(partition);
    }

    /**
     * Drops the projection and replays the whole topic into it: stops the reader, empties the tables and
     * positions, and starts reading from the beginning. Waits until the replay has caught up.
     */
    public synchronized void rebuild() throws InterruptedException {
        LogConsumer r = reader;
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
        return store.positions(topic);
    }

    @Override
    public void handle(int partition, List<ConsumerRecord<String, byte[]>> records, long nextOffset) {
        if (records.isEmpty()) {
            store.writePosition(Topics.BACKEND_OPERATIONS, partition, nextOffset);
            progress.advancePosition(partition, nextOffset);
            return;
        }
        Map<String, List<ProjectionStore.Logged>> byBackend = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Optional<BackendEvent> event = LoggedEvents.decode(record.value());
            if (event.isEmpty()) {
                LOG.warnf("record %s-%d@%d is no backend event this version knows; skipped", record.topic(),
                        record.partition(), record.offset());
                continue;
            }
            // The browsable log keeps the record as it was written, not a re-encoding.
            byBackend.computeIfAbsent(event.get().backendId(), id -> new ArrayList<>())
                    .add(new ProjectionStore.Logged(event.get(), new String(record.value(), StandardCharsets.UTF_8)));
        }
        Map<String, BackendState> folded = new LinkedHashMap<>();
        List<ProjectionStore.Logged> applied = new ArrayList<>();
        List<LogCompacted> compactions = new ArrayList<>();
        store.write(byBackend.keySet(), current -> {
            for (Map.Entry<String, List<ProjectionStore.Logged>> entry : byBackend.entrySet()) {
                BackendState state = current.getOrDefault(entry.getKey(), new BackendState());
                for (ProjectionStore.Logged logged : entry.getValue()) {
                    if (state.apply(logged.event())) {
                        applied.add(logged);
                        if (logged.event() instanceof LogCompacted compacted) {
                            compactions.add(compacted);
                        }
                    }
                }
                if (state.seq() >= 0) {
                    folded.put(entry.getKey(), state);
                } else {
                    LOG.errorf("events of backend %s without its creation skipped", entry.getKey());
                }
            }
            return new ProjectionStore.Changes(folded.values(), applied, compactions, Topics.BACKEND_OPERATIONS, partition,
                    nextOffset);
        });
        folded.values().forEach(s -> progress.advance(s.backendId(), s.seq()));
        progress.advancePosition(partition, nextOffset);
    }

    @Override
    public void caughtUp() {
        LOG.info("the backend projection has caught up with the operation log");
        progress.markCaughtUp();
    }
}
