package dev.ppl.contracts.backend;

import static dev.ppl.contracts.codec.Require.text;

import dev.ppl.contracts.codec.WireType;

/** Renames a vertex's display alias; null removes it. */
@WireType("change-alias")
public record ChangeAlias(String vertexId, String alias) implements BackendOperation {
    public ChangeAlias {
        text(vertexId, "vertex_id");
    }
}
