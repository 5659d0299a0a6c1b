package dev.ppl.operations.backend;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.ppl.operations.catalog.VersionView;

/** A backend's graph at one sequence number, with each vertex's pinned version, as validation needs it. */
public record BackendGraph(String backendId, String workspaceId, String name, String leaseId, long seq,
        Map<String, Vertex> vertices, List<Edge> edges, Map<String, Map<String, Param>> params) {

    public BackendGraph {
        vertices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vertices));
        edges = List.copyOf(edges);
    }

    public record Vertex(String vertexId, String alias, VersionView version) {
    }

    public record Edge(String fromVertex, int fromOutput, String toVertex, int toInput) {
    }

    public record Param(String valueType, String value) {
    }

    public Optional<Edge> edgeInto(String toVertex, int toInput) {
        return edges.stream().filter(e -> e.toVertex().equals(toVertex) && e.toInput() == toInput).findFirst();
    }

    public Optional<Param> param(String vertexId, String name) {
        return Optional.ofNullable(params.getOrDefault(vertexId, Map.of()).get(name));
    }
}
