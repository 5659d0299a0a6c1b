package dev.ppl.operations.backend;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.ppl.operations.catalog.VersionView;

/**
 * A backend's graph at one sequence number, with each vertex's pinned version, as validation needs it.
 *
 * @param vertexCount vertices ever added, so the next vertex id is {@code vertexCount + 1}
 */
public record BackendGraph(String backendId, String workspaceId, String name, String leaseId, long seq, long vertexCount,
        Map<String, Vertex> vertices, List<Edge> edges, Map<String, Map<String, Param>> params) {

    public BackendGraph {
        vertices = Collections.unmodifiableMap(new LinkedHashMap<>(vertices));
        edges = List.copyOf(edges);
        params = Map.copyOf(params);
    }

    public record Vertex(String vertexId, String alias, VersionView version) {
    }

    public record Edge(String fromVertex, int fromOutput, String toVertex, int toInput) {
    }

    public record Param(String valueType, String value) {
    }

    public String nextVertexId() {
        return Long.toString(vertexCount + 1);
    }

    public Optional<Edge> edgeInto(String toVertex, int toInput) {
        return edges.stream().filter(e -> e.toVertex().equals(toVertex) && e.toInput() == toInput).findFirst();
    }

    public Optional<Param> param(String vertexId, String name) {
        return Optional.ofNullable(params.getOrDefault(vertexId, Map.of()).get(name));
    }

    public Map<String, Param> params(String vertexId) {
        return params.getOrDefault(vertexId, Map.of());
    }
}
