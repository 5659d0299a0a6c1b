package dev.ppl.operations.projection;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ppl.operations.backend.BackendGraph;
import dev.ppl.operations.catalog.CatalogService;
import dev.ppl.operations.catalog.VersionView;
import dev.ppl.service.persistence.Db;
import io.smallrye.mutiny.Uni;

/** Reads backends from the projection. */
@ApplicationScoped
public class GraphRepository {
    private final CatalogService catalog;

    public GraphRepository(CatalogService catalog) {
        this.catalog = catalog;
    }

    private record Rows(BackendEntity backend, List<VertexEntity> vertices, List<EdgeEntity> edges,
            List<ParamEntity> params) {
    }

    /** The live (not deleted) backend of this workspace without its graph, or empty. */
    public Optional<BackendEntity> head(String workspaceId, String backendId) {
        return Optional.ofNullable(Db.tx(() -> BackendEntity.<BackendEntity> findById(backendId)))
                .filter(b -> isLiveIn(b, workspaceId));
    }

    /** The live backend of this workspace with its graph, read in one transaction, or empty. */
    public Optional<BackendGraph> load(String workspaceId, String backendId) {
        Rows rows = Db.tx(() -> BackendEntity.<BackendEntity> findById(backendId).chain(backend -> {
            if (!isLiveIn(backend, workspaceId)) {
                return Uni.createFrom().nullItem();
            }
            return VertexEntity.<VertexEntity> list("backendId = ?1 order by position", backendId)
                    .chain(vertices -> EdgeEntity.<EdgeEntity> list("backendId = ?1 order by id", backendId)
                            .chain(edges -> ParamEntity.<ParamEntity> list("backendId = ?1 order by id", backendId)
                                    .map(params -> new Rows(backend, vertices, edges, params))));
        }));
        return Optional.ofNullable(rows).map(r -> graph(workspaceId, r));
    }

    /** The live backends a lease owns, in every workspace. */
    public List<BackendEntity> ownedBy(String leaseId) {
        return Db.tx(() -> BackendEntity.<BackendEntity> list("leaseId = ?1 and deleted = false", leaseId));
    }

    /** The events of a backend's log as projected (JSON), oldest first. */
    public List<String> operations(String backendId) {
        return Db.tx(() -> OperationEntity.<OperationEntity> list("backendId = ?1 order by seq", backendId)).stream()
                .map(o -> o.event).toList();
    }

    private BackendGraph graph(String workspaceId, Rows rows) {
        Map<String, BackendGraph.Vertex> vertices = new LinkedHashMap<>();
        for (VertexEntity v : rows.vertices()) {
            VersionView version = catalog.find(workspaceId, v.versionId).orElseThrow(() -> new IllegalStateException(
                    "vertex " + v.vertexId + " of backend " + v.backendId + " pins version " + v.versionId
                            + " which is gone"));
            vertices.put(v.vertexId, new BackendGraph.Vertex(v.vertexId, v.alias, version));
        }
        Map<String, Map<String, BackendGraph.Param>> params = new HashMap<>();
        for (ParamEntity p : rows.params()) {
            params.computeIfAbsent(p.vertexId, k -> new LinkedHashMap<>()).put(p.name,
                    new BackendGraph.Param(p.valueType, p.value));
        }
        BackendEntity b = rows.backend();
        return new BackendGraph(b.id, b.workspaceId, b.name, b.leaseId, b.seq, b.vertexCount, vertices,
                rows.edges().stream().map(e -> new BackendGraph.Edge(e.fromVertex, e.fromOutput, e.toVertex, e.toInput))
                        .toList(),
                params);
    }

    private static boolean isLiveIn(BackendEntity backend, String workspaceId) {
        return backend != null && !backend.deleted && backend.workspaceId.equals(workspaceId);
    }
}
