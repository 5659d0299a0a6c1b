package dev.ppl.contracts.manifest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The graph section of a manifest: named vertices (in declaration order) and the edges between them. */
public record Graph(Map<String, VertexSpec> vertices, List<EdgeSpec> edges) {
    public Graph {
        if (vertices == null || vertices.isEmpty()) {
            throw new ManifestException("graph.vertices", "at least one vertex");
        }
        DocumentLimits.atMost(vertices, DocumentLimits.MAX_VERTICES, "graph.vertices", "ppl.manifest.max-vertices");
        DocumentLimits.atMost(edges, DocumentLimits.MAX_EDGES, "graph.edges", "ppl.manifest.max-edges");
        vertices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vertices));
        edges = edges == null ? List.of() : List.copyOf(edges);
        long cuts = vertices.values().stream().filter(v -> v == null || v.harness() == null).count();
        if (cuts != 1) {
            throw new ManifestException("graph.vertices", "exactly one vertex without a harness (the CUT), found " + cuts);
        }
        for (int i = 0; i < edges.size(); i++) {
            EdgeSpec e = edges.get(i);
            LiveTestManifest.requireVertex(vertices, e.from(), "graph.edges[" + i + "].from");
            LiveTestManifest.requireVertex(vertices, e.to(), "graph.edges[" + i + "].to");
        }
    }

    public String cutVertex() {
        return vertices.entrySet().stream()
                .filter(e -> e.getValue() == null || e.getValue().harness() == null)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
    }
}
