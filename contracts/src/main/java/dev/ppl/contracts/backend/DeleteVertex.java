package dev.ppl.contracts.backend;

import static dev.ppl.contracts.codec.Require.text;

import dev.ppl.contracts.codec.WireType;

/** Removes a vertex and every edge touching it. */
@WireType("delete-vertex")
public record DeleteVertex(String vertexId) implements BackendOperation {
    public DeleteVertex {
        text(vertexId, "vertex_id");
    }
}
