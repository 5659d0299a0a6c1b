package dev.ppl.operations.projection;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.ppl.contracts.Events;
import dev.ppl.contracts.Topics;
import dev.ppl.contracts.backend.BackendCreated;
import dev.ppl.contracts.backend.BackendDeleted;
import dev.ppl.contracts.backend.BackendEvent;
import dev.ppl.contracts.backend.EdgeConnected;
import dev.ppl.contracts.backend.ParameterChanged;
import dev.ppl.contracts.backend.VertexAdded;
import dev.ppl.operations.oplog.ProjectionProgress;
import dev.ppl.service.persistence.Db;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * Projects {@code ppl.backend.operations} into PostgreSQL. Idempotent by sequence number: an event at or
 * below a backend's projected seq changes nothing, so redelivery and replay are safe, and the projection
 * always equals the replay of the log.
 */
@ApplicationScoped
public class BackendProjector {
    private static final Logger LOG = Logger.getLogger(BackendProjector.class);

    private final ProjectionProgress progress;
    private final String bootstrap;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;
    private Thread thread;

    public BackendProjector(ProjectionProgress progress, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.progress = progress;
        this.bootstrap = bootstrap;
    }

    void start(@Observes StartupEvent startup) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "operations-service-projector");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        thread = new Thread(this::run, "backend-projector");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
            thread.join(10_000);
        }
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.BACKEND_OPERATIONS));
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Events.CODEC.decodeKnown(record.value()).filter(BackendEvent.class::isInstance)
                            .map(BackendEvent.class::cast).ifPresent(this::project);
                }
                consumer.commitSync();
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("the backend projector stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    void project(BackendEvent event) {
        boolean applied = Db.tx(() -> BackendEntity.<BackendEntity> findById(event.backendId()).chain(backend -> {
            if (backend == null && !(event instanceof BackendCreated)) {
                LOG.errorf("event %d of unknown backend %s skipped", event.seq(), event.backendId());
                return Uni.createFrom().item(false);
            }
            if (backend != null && event.seq() <= backend.seq) {
                return Uni.createFrom().item(false);
            }
            if (backend != null && event.seq() != backend.seq + 1) {
                LOG.errorf("gap in the log of backend %s: projected %d, got %d", event.backendId(), backend.seq, event.seq());
            }
            return apply(backend, event).chain(() -> record(event)).replaceWith(true);
        }));
        progress.advance(event.backendId(), event.seq());
        if (applied) {
            LOG.debugf("projected %s seq %d", event.backendId(), event.seq());
        }
    }

    private static Uni<?> apply(BackendEntity backend, BackendEvent event) {
        Uni<?> change;
        if (event instanceof BackendCreated created) {
            BackendEntity b = new BackendEntity();
            b.id = created.backendId();
            b.workspaceId = created.workspaceId();
            b.name = created.name();
            b.leaseId = created.leaseId();
            b.createdAt = created.recordedAt();
            change = b.persist();
        } else if (event instanceof VertexAdded added) {
            VertexEntity v = new VertexEntity();
            v.id = added.backendId() + "/" + added.vertexId();
            v.backendId = added.backendId();
            v.vertexId = added.vertexId();
            v.versionId = added.versionId();
            v.alias = added.alias();
            v.position = added.seq();
            change = v.persist();
        } else if (event instanceof EdgeConnected connected) {
            EdgeEntity e = new EdgeEntity();
            e.id = connected.backendId() + "/" + connected.toVertex() + "/" + connected.toInput();
            e.backendId = connected.backendId();
            e.fromVertex = connected.fromVertex();
            e.fromOutput = connected.fromOutput();
            e.toVertex = connected.toVertex();
            e.toInput = connected.toInput();
            change = e.persist();
        } else if (event instanceof ParameterChanged changed) {
            String id = changed.backendId() + "/" + changed.vertexId() + "/" + changed.name();
            change = ParamEntity.deleteById(id).chain(() -> {
                if (changed.value() == null) {
                    return Uni.createFrom().nullItem();
                }
                ParamEntity p = new ParamEntity();
                p.id = id;
                p.backendId = changed.backendId();
                p.vertexId = changed.vertexId();
                p.name = changed.name();
                p.valueType = changed.valueType();
                p.value = changed.value();
                return p.persist();
            });
        } else if (event instanceof BackendDeleted deleted) {
            change = BackendEntity.update("deleted = true where id = ?1", deleted.backendId());
        } else {
            throw new IllegalStateException("no projection for " + event.getClass().getSimpleName());
        }
        return change.chain(() -> BackendEntity.update("seq = ?1 where id = ?2", event.seq(), event.backendId()));
    }

    private static Uni<?> record(BackendEvent event) {
        OperationEntity op = new OperationEntity();
        op.id = event.backendId() + "/" + event.seq();
        op.backendId = event.backendId();
        op.seq = event.seq();
        op.type = dev.ppl.contracts.codec.JsonCodec.wireType(event.getClass());
        op.event = Events.CODEC.encode(event);
        op.recordedAt = event.recordedAt();
        return op.persist();
    }

}
