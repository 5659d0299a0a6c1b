package dev.ppl.operations.projection;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.operations.infra.LogConsumer;
import dev.ppl.operations.oplog.ProjectionProgress;
import dev.ppl.service.persistence.Db;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * Projects {@code ppl.backend.operations} into PostgreSQL. Idempotent by sequence number: an event at or
 * below a backend's projected seq changes nothing, so redelivery and replay are safe and the projection
 * equals the replay of the log. Each event and the consumer position after it are stored in one
 * transaction.
 */
@ApplicationScoped
public class BackendProjector implements LogConsumer.Handler {
    private static final Logger LOG = Logger.getLogger(BackendProjector.class);
    private static final String GROUP = "operations-service-projector";

    private final ProjectionProgress progress;
    private final String bootstrap;
    private LogConsumer reader;

    public BackendProjector(ProjectionProgress progress, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.progress = progress;
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

    @Override
    public Map<Integer, Long> positions(String topic) {
        return Db.tx(() -> ProjectorPositionEntity.<ProjectorPositionEntity> list("topic", topic)).stream()
                .collect(Collectors.toMap(p -> p.partition, p -> p.nextOffset));
    }

    @Override
    public void handle(ConsumerRecord<String, byte[]> record) {
        Optional<BackendEvent> event = Events.CODEC.decodeKnown(record.value()).filter(BackendEvent.class::isInstance)
                .map(BackendEvent.class::cast);
        if (event.isEmpty()) {
            LOG.warnf("record %s-%d@%d is no backend event this version knows; skipped", record.topic(),
                    record.partition(), record.offset());
        }
        Db.tx(() -> event.map(BackendProjector::applyOnce).orElse(Uni.createFrom().voidItem())
                .call(() -> storePosition(record)));
        event.ifPresent(e -> progress.advance(e.backendId(), e.seq()));
    }

    @Override
    public void caughtUp() {
        LOG.info("the backend projection has caught up with the operation log");
        progress.markCaughtUp();
    }

    /** Applies one event unless its backend's projection is already at or past it. */
    private static Uni<Void> applyOnce(BackendEvent event) {
        return BackendEntity.<BackendEntity> findById(event.backendId()).chain(backend -> {
            if (backend == null && !(event instanceof BackendCreated)) {
                LOG.errorf("event %d of unknown backend %s skipped", event.seq(), event.backendId());
                return Uni.createFrom().voidItem();
            }
            if (backend != null && event.seq() <= backend.seq) {
                return Uni.createFrom().voidItem();
            }
            if (backend != null && event.seq() != backend.seq + 1) {
                // The writer appends projected + 1 only; a gap means a lost or foreign append. The log
                // stays the truth, so the event is applied as a replay would.
                LOG.errorf("gap in the log of backend %s: projected %d, got %d", event.backendId(), backend.seq,
                        event.seq());
            }
            return apply(backend, event).chain(() -> record(event)).replaceWithVoid();
        });
    }

    private static Uni<?> apply(BackendEntity backend, BackendEvent event) {
        if (event instanceof BackendCreated created) {
            BackendEntity b = new BackendEntity();
            b.id = created.backendId();
            b.workspaceId = created.workspaceId();
            b.name = created.name();
            b.leaseId = created.leaseId();
            b.seq = created.seq();
            b.createdAt = created.recordedAt();
            return b.persist();
        }
        backend.seq = event.seq();
        if (event instanceof VertexAdded added) {
            backend.vertexCount++;
            VertexEntity v = new VertexEntity();
            v.id = added.backendId() + "/" + added.vertexId();
            v.backendId = added.backendId();
            v.vertexId = added.vertexId();
            v.versionId = added.versionId();
            v.alias = added.alias();
            v.position = added.seq();
            return v.persist();
        }
        if (event instanceof EdgeConnected connected) {
            EdgeEntity e = new EdgeEntity();
            e.id = connected.backendId() + "/" + connected.toVertex() + "/" + connected.toInput();
            e.backendId = connected.backendId();
            e.fromVertex = connected.fromVertex();
            e.fromOutput = connected.fromOutput();
            e.toVertex = connected.toVertex();
            e.toInput = connected.toInput();
            return e.persist();
        }
        if (event instanceof ParameterChanged changed) {
            return changeParameter(changed);
        }
        if (event instanceof BackendDeleted) {
            backend.deleted = true;
            return Uni.createFrom().voidItem();
        }
        throw new IllegalStateException("no projection for " + event.getClass().getSimpleName());
    }

    private static Uni<?> changeParameter(ParameterChanged changed) {
        String id = changed.backendId() + "/" + changed.vertexId() + "/" + changed.name();
        return ParamEntity.<ParamEntity> findById(id).chain(existing -> {
            if (changed.value() == null) {
                return existing == null ? Uni.createFrom().voidItem() : existing.delete();
            }
            ParamEntity p = existing != null ? existing : new ParamEntity();
            p.id = id;
            p.backendId = changed.backendId();
            p.vertexId = changed.vertexId();
            p.name = changed.name();
            p.valueType = changed.valueType();
            p.value = changed.value();
            return existing != null ? Uni.createFrom().item(p) : p.persist();
        });
    }

    private static Uni<?> record(BackendEvent event) {
        OperationEntity op = new OperationEntity();
        op.id = event.backendId() + "/" + event.seq();
        op.backendId = event.backendId();
        op.seq = event.seq();
        op.type = JsonCodec.wireType(event.getClass());
        op.event = Events.CODEC.encode(event);
        op.recordedAt = event.recordedAt();
        return op.persist();
    }

    private static Uni<?> storePosition(ConsumerRecord<String, byte[]> record) {
        String id = record.topic() + "/" + record.partition();
        return ProjectorPositionEntity.<ProjectorPositionEntity> findById(id).chain(existing -> {
            ProjectorPositionEntity p = existing != null ? existing : new ProjectorPositionEntity();
            p.id = id;
            p.topic = record.topic();
            p.partition = record.partition();
            p.nextOffset = record.offset() + 1;
            return existing != null ? Uni.createFrom().item(p) : p.persist();
        });
    }
}
