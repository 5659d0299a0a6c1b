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

/** Reads a backend's graph from the projection. */
@ApplicationScoped
public class GraphRepository {
    private final CatalogService catalog;

    public GraphRepository(CatalogService catalog) {
        this.catalog = catalog;
    }

    /** The live (not deleted) backend of this workspace, or empty. */
    public Optional<BackendGraph> load(String workspaceId, String backendId) {
        BackendEntity backend = Db.tx(() -> BackendEntity.<BackendEntity> findById(backendId));
        if (backend == null || backend.deleted || !backend.workspaceId.equals(workspaceId)) {
            return Optional.empty();
        }
        List<VertexEntity> vertices = Db
                .tx(() -> VertexEntity.<VertexEntity> list("backendId = ?1 order by position", backendId));
        List<EdgeEntity> edges = Db.tx(() -> EdgeEntity.<EdgeEntity> list("backendId = ?1 order by id", backendId));
        List<ParamEntity> params = Db.tx(() -> ParamEntity.<ParamEntity> list("backendId = ?1 order by id", backendId));
        Map<String, BackendGraph.Vertex> byId = new LinkedHashMap<>();
        for (VertexEntity v : vertices) {
            VersionView version = catalog.find(workspaceId, v.versionId).orElseThrow(
                    () -> new IllegalStateException(
                            "vertex " + v.vertexId + " pins version " + v.versionId + " which is gone"));
            byId.put(v.vertexId, new BackendGraph.Vertex(v.vertexId, v.alias, version));
        }
        Map<String, Map<String, BackendGraph.Param>> byVertex = new HashMap<>();
        for (ParamEntity p : params) {
            byVertex.computeIfAbsent(p.vertexId, k -> new LinkedHashMap<>()).put(p.name,
                    new BackendGraph.Param(p.valueType, p.value));
        }
        return Optional.of(new BackendGraph(backend.id, backend.workspaceId, backend.name, backend.leaseId, backend.seq,
                byId,
                edges.stream().map(e -> new BackendGraph.Edge(e.fromVertex, e.fromOutput, e.toVertex, e.toInput)).toList(),
                byVertex));
    }

    /** The ids of the live backends a lease owns. */
    public List<BackendEntity> ownedBy(String leaseId) {
        return Db.tx(() -> BackendEntity.<BackendEntity> list("leaseId = ?1 and deleted = false", leaseId));
    }

    public List<String> operations(String backendId) {
        return Db.tx(() -> OperationEntity.<OperationEntity> list("backendId = ?1 order by seq", backendId)).stream()
                .map(o -> o.event).toList();
    }
}
