package dev.ppl.operations.graph;

import dev.ppl.contracts.backend.Connect;

/** One edge: (from_vertex, from_output) to (to_vertex, to_input). An input takes at most one edge. */
public record Edge(String fromVertex, int fromOutput, String toVertex, int toInput) {

    static String key(String toVertex, int toInput) {
        return toVertex + "/" + toInput;
    }

    String key() {
        return key(toVertex, toInput);
    }

    boolean touches(String vertexId) {
        return fromVertex.equals(vertexId) || toVertex.equals(vertexId);
    }

    Connect connect() {
        return new Connect(fromVertex, fromOutput, toVertex, toInput);
    }
}
