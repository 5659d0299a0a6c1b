package dev.ppl.contracts.backend;

import static dev.ppl.contracts.codec.Require.text;

import dev.ppl.contracts.codec.WireType;

/** Sets a vertex's position in graph views; a null layout removes it. */
@WireType("change-layout")
public record ChangeLayout(String vertexId, Layout layout) implements BackendOperation {
    public ChangeLayout {
        text(vertexId, "vertex_id");
    }
}
