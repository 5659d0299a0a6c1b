package dev.ppl.operations.graph;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import dev.ppl.contracts.backend.AddConstraint;
import dev.ppl.contracts.backend.AddFile;
import dev.ppl.contracts.backend.AddVertex;
import dev.ppl.contracts.backend.BackendCreated;
import dev.ppl.contracts.backend.BackendDeleted;
import dev.ppl.contracts.backend.BackendEvent;
import dev.ppl.contracts.backend.BackendOperation;
import dev.ppl.contracts.backend.ChangeAlias;
import dev.ppl.contracts.backend.ChangeEndpointAlias;
import dev.ppl.contracts.backend.ChangeHostPortBinding;
import dev.ppl.contracts.backend.ChangeLayout;
import dev.ppl.contracts.backend.ChangeMetadata;
import dev.ppl.contracts.backend.ChangeParameter;
import dev.ppl.contracts.backend.ChangeServiceConfig;
import dev.ppl.contracts.backend.ChangeVersion;
import dev.ppl.contracts.backend.ChangeVolumeMount;
import dev.ppl.contracts.backend.Connect;
import dev.ppl.contracts.backend.DeleteVertex;
import dev.ppl.contracts.backend.Disconnect;
import dev.ppl.contracts.backend.EdgeConnected;
import dev.ppl.contracts.backend.LogCompacted;
import dev.ppl.contracts.backend.OperationRecorded;
import dev.ppl.contracts.backend.ParameterChanged;
import dev.ppl.contracts.backend.RestoreVertex;
import dev.ppl.contracts.backend.VertexAdded;
import dev.ppl.contracts.backend.VertexSnapshot;

/**
 * A backend's graph as the fold of its log: {@link #apply(BackendEvent)} is the only way it changes, so
 * the writer's copy, the projection and a replay to any sequence number agree by construction. Mutable
 * for speed (a rebuild folds hundreds of thousands of events); {@link #copy()} before a speculative change.
 */
public final class BackendState {
    private String backendId;
    private String workspaceId;
    private String name;
    private String leaseId;
    private String sourceBackendId;
    private Instant createdAt;
    private long seq = -1;
    private long baseSeq;
    private long vertexCount;
    private boolean deleted;
    private final LinkedHashMap<String, VertexSnapshot> vertices = new LinkedHashMap<>();
    private final LinkedHashMap<String, Edge> edges = new LinkedHashMap<>();
    /** The inverse of each event since the base, oldest first: what undo walks back through. */
    private final ArrayList<List<BackendOperation>> inverses = new ArrayList<>();

    public static BackendState of(GraphDocument doc) {
        BackendState s = new BackendState();
        s.backendId = doc.backendId();
        s.workspaceId = doc.workspaceId();
        s.name = doc.name();
        s.leaseId = doc.leaseId();
        s.sourceBackendId = doc.sourceBackendId();
        s.createdAt = doc.createdAt();
        s.seq = doc.seq();
        s.baseSeq = doc.baseSeq();
        s.vertexCount = doc.vertexCount();
        s.deleted = doc.deleted();
        doc.vertices().forEach(v -> s.vertices.put(v.vertexId(), v));
        doc.edges().forEach(e -> s.edges.put(e.key(), e));
        return s;
    }

    /**
     * What the writer keeps of a deleted backend: enough to refuse every later command for it and a second creation,
     * without its graph or its undo history. Most backends are deleted with their lease, so a writer's memory grows
     * with the backends that live, not with every backend its partitions ever had.
     */
    public BackendState tombstone() {
        return of(new GraphDocument(backendId, workspaceId, name, leaseId, sourceBackendId, seq, baseSeq, vertexCount, true,
                createdAt, List.of(), List.of()));
    }

    public BackendState copy() {
        BackendState c = of(document());
        c.inverses.addAll(inverses);
        return c;
    }

    /**
     * Applies the next event of the log; an event at or below {@link #seq()} was applied already and is ignored. An
     * event that cannot be the next one of this backend (a second creation, one that skips a sequence number, one of
     * another backend, an operation missing its parts) is refused with {@link RefusedEventException} before anything
     * changes: the log is shared, and a record forged onto it must not move a backend to another workspace.
     */
    public boolean apply(BackendEvent logged) {
        if (logged.seq() <= seq) {
            return false;
        }
        BackendEvent event = upcast(logged);
        refuseUnlessNext(event);
        if (event instanceof BackendCreated created) {
            backendId = created.backendId();
            workspaceId = created.workspaceId();
            name = created.name();
            leaseId = created.leaseId();
            sourceBackendId = created.sourceBackendId();
            createdAt = created.recordedAt();
        } else if (event instanceof OperationRecorded recorded) {
            applyOperation(recorded.operation());
            inverses.add(recorded.inverse());
        } else if (event instanceof LogCompacted compacted) {
            vertices.clear();
            edges.clear();
            inverses.clear();
            vertexCount = compacted.vertexCount();
            compacted.operations().forEach(this::applyOperation);
            baseSeq = compacted.seq();
        } else if (event instanceof BackendDeleted) {
            deleted = true;
        }
        seq = event.seq();
        return true;
    }

    private void refuseUnlessNext(BackendEvent event) {
        if (event.seq() != seq + 1) {
            throw new RefusedEventException("backend " + event.backendId() + " is at seq " + seq + "; event seq "
                    + event.seq() + " is not the next one");
        }
        if (seq < 0 != event instanceof BackendCreated) {
            throw new RefusedEventException(seq < 0 ? "backend " + event.backendId() + " has no creation before seq "
                    + event.seq() : "backend " + backendId + " exists already; a second creation is refused");
        }
        if (backendId != null && !backendId.equals(event.backendId())) {
            throw new RefusedEventException("an event of backend " + event.backendId() + " in the log of " + backendId);
        }
        if (event instanceof OperationRecorded r && (r.operation() == null || r.inverse() == null)) {
            throw new RefusedEventException("operation " + event.seq() + " of backend " + event.backendId()
                    + " has no operation or no inverse");
        }
        if (event instanceof LogCompacted c && c.operations() == null) {
            throw new RefusedEventException("compaction " + event.seq() + " of backend " + event.backendId()
                    + " has no operations");
        }
    }

    /** The same event in today's shape: the superseded v1 events become the {@link OperationRecorded} they mean. */
    public static BackendEvent upcast(BackendEvent event) {
        if (event instanceof VertexAdded a) {
            return new OperationRecorded(a.backendId(), a.seq(), new AddVertex(a.versionId(), a.alias(), a.vertexId()),
                    a.inverse(), a.actor(), a.surface(), a.recordedAt());
        }
        if (event instanceof EdgeConnected c) {
            return new OperationRecorded(c.backendId(), c.seq(),
                    new Connect(c.fromVertex(), c.fromOutput(), c.toVertex(), c.toInput()), c.inverse(), c.actor(), c.surface(),
                    c.recordedAt());
        }
        if (event instanceof ParameterChanged p) {
            return new OperationRecorded(p.backendId(), p.seq(),
                    new ChangeParameter(p.vertexId(), p.name(), p.valueType(), p.value()), p.inverse(), p.actor(), p.surface(),
                    p.recordedAt());
        }
        return event;
    }

    /** The structural effect of an operation the writer accepted; validation happened before it was recorded. */
    private void applyOperation(BackendOperation operation) {
        if (operation instanceof AddVertex add) {
            putVertex(VertexSnapshot.bare(add.vertexId(), add.versionId(), add.alias()));
        } else if (operation instanceof RestoreVertex restore) {
            putVertex(restore.vertex());
        } else if (operation instanceof DeleteVertex delete) {
            vertices.remove(delete.vertexId());
            edges.values().removeIf(e -> e.touches(delete.vertexId()));
        } else if (operation instanceof Connect c) {
            Edge edge = new Edge(c.fromVertex(), c.fromOutput(), c.toVertex(), c.toInput());
            edges.put(edge.key(), edge);
        } else if (operation instanceof Disconnect d) {
            edges.remove(Edge.key(d.toVertex(), d.toInput()));
        } else if (operation instanceof ChangeVersion c) {
            update(c.vertexId(), v -> with(v, c.versionId(), v.alias(), v.layout()));
        } else if (operation instanceof ChangeAlias c) {
            update(c.vertexId(), v -> with(v, v.versionId(), c.alias(), v.layout()));
        } else if (operation instanceof ChangeLayout c) {
            update(c.vertexId(), v -> with(v, v.versionId(), v.alias(), c.layout()));
        } else if (operation instanceof ChangeParameter c) {
            update(c.vertexId(), v -> withMaps(v, Field.PARAMS,
                    put(v.params(), c.name(), c.value() == null ? null : new VertexSnapshot.Param(c.valueType(), c.value()))));
        } else if (operation instanceof AddFile c) {
            update(c.vertexId(), v -> withMaps(v, Field.FILES,
                    put(v.files(), c.slot(),
                            c.fileId() == null ? null : new VertexSnapshot.FileBinding(c.fileId(), c.fileType()))));
        } else if (operation instanceof AddConstraint c) {
            update(c.vertexId(), v -> withMaps(v, Field.CONSTRAINTS, put(v.constraints(), c.variable(), c.pinnedType())));
        } else if (operation instanceof ChangeMetadata c) {
            update(c.vertexId(), v -> withMaps(v, Field.METADATA, put(v.metadata(), c.key(), c.value())));
        } else if (operation instanceof ChangeEndpointAlias c) {
            update(c.vertexId(),
                    v -> withMaps(v, Field.ENDPOINT_ALIASES, put(v.endpointAliases(), c.endpoint(), c.alias())));
        } else if (operation instanceof ChangeHostPortBinding c) {
            update(c.vertexId(),
                    v -> withMaps(v, Field.HOST_PORTS, put(v.hostPorts(), c.containerPort(), c.hostPort())));
        } else if (operation instanceof ChangeVolumeMount c) {
            update(c.vertexId(), v -> withMaps(v, Field.VOLUMES, put(v.volumes(), c.volume(), c.mountPath())));
        } else if (operation instanceof ChangeServiceConfig c) {
            update(c.vertexId(), v -> {
                Map<String, String> service = put(v.serviceConfig().getOrDefault(c.service(), Map.of()), c.key(), c.value());
                return withMaps(v, Field.SERVICE_CONFIG,
                        put(v.serviceConfig(), c.service(), service.isEmpty() ? null : service));
            });
        }
    }

    private void putVertex(VertexSnapshot vertex) {
        vertices.put(vertex.vertexId(), vertex);
        vertexCount = Math.max(vertexCount, Long.parseLong(vertex.vertexId()));
    }

    private void update(String vertexId, UnaryOperator<VertexSnapshot> change) {
        vertices.computeIfPresent(vertexId, (id, v) -> change.apply(v));
    }

    private enum Field {
        PARAMS,
        FILES,
        CONSTRAINTS,
        METADATA,
        ENDPOINT_ALIASES,
        HOST_PORTS,
        VOLUMES,
        SERVICE_CONFIG
    }

    private static VertexSnapshot with(VertexSnapshot v, String versionId, String alias,
            dev.ppl.contracts.backend.Layout layout) {
        return new VertexSnapshot(v.vertexId(), versionId, alias, v.params(), v.files(), v.constraints(), layout, v.metadata(),
                v.endpointAliases(), v.hostPorts(), v.volumes(), v.serviceConfig());
    }

    @SuppressWarnings("unchecked")
    private static VertexSnapshot withMaps(VertexSnapshot v, Field field, Map<?, ?> map) {
        return new VertexSnapshot(v.vertexId(), v.versionId(), v.alias(),
                field == Field.PARAMS ? (Map<String, VertexSnapshot.Param>) map : v.params(),
                field == Field.FILES ? (Map<String, VertexSnapshot.FileBinding>) map : v.files(),
                field == Field.CONSTRAINTS ? (Map<String, String>) map : v.constraints(), v.layout(),
                field == Field.METADATA ? (Map<String, String>) map : v.metadata(),
                field == Field.ENDPOINT_ALIASES ? (Map<String, String>) map : v.endpointAliases(),
                field == Field.HOST_PORTS ? (Map<Integer, Integer>) map : v.hostPorts(),
                field == Field.VOLUMES ? (Map<String, String>) map : v.volumes(),
                field == Field.SERVICE_CONFIG ? (Map<String, Map<String, String>>) map : v.serviceConfig());
    }

    /** A copy of {@code map} with {@code key} set to {@code value}, or removed when the value is null. */
    private static <K, V> Map<K, V> put(Map<K, V> map, K key, V value) {
        LinkedHashMap<K, V> out = new LinkedHashMap<>(map);
        if (value == null) {
            out.remove(key);
        } else {
            out.put(key, value);
        }
        return out;
    }

    public GraphDocument document() {
        // Sorted, so a graph reads the same however it was reached: an undone deletion puts the vertex back
        // in its place, and a compacted log yields the same document as the long one.
        List<VertexSnapshot> sortedVertices = vertices.values().stream()
                .sorted(java.util.Comparator.comparingLong(v -> Long.parseLong(v.vertexId()))).toList();
        List<Edge> sortedEdges = edges.values().stream().sorted(java.util.Comparator
                .<Edge> comparingLong(e -> Long.parseLong(e.toVertex())).thenComparingInt(Edge::toInput)).toList();
        return new GraphDocument(backendId, workspaceId, name, leaseId, sourceBackendId, seq, baseSeq, vertexCount, deleted,
                createdAt, sortedVertices, sortedEdges);
    }

    public String backendId() {
        return backendId;
    }

    public String workspaceId() {
        return workspaceId;
    }

    public String leaseId() {
        return leaseId;
    }

    public long seq() {
        return seq;
    }

    public long baseSeq() {
        return baseSeq;
    }

    public long vertexCount() {
        return vertexCount;
    }

    public boolean exists() {
        return seq >= 0 && !deleted;
    }

    public boolean deleted() {
        return deleted;
    }

    public Map<String, VertexSnapshot> vertices() {
        return java.util.Collections.unmodifiableMap(vertices);
    }

    public Optional<VertexSnapshot> vertex(String vertexId) {
        return Optional.ofNullable(vertices.get(vertexId));
    }

    public List<Edge> edges() {
        return List.copyOf(edges.values());
    }

    public Optional<Edge> edgeInto(String toVertex, int toInput) {
        return Optional.ofNullable(edges.get(Edge.key(toVertex, toInput)));
    }

    /** The inverses of the events since the base, oldest first. */
    public List<List<BackendOperation>> inverses() {
        return java.util.Collections.unmodifiableList(inverses);
    }
}
