package dev.ppl.contracts.backend;

import static dev.ppl.contracts.codec.Require.text;

import dev.ppl.contracts.codec.WireType;

/** Sets a free-form metadata key of a vertex; a null value removes the key. */
@WireType("change-metadata")
public record ChangeMetadata(String vertexId, String key, String value) implements BackendOperation {
    public ChangeMetadata {
        text(vertexId, "vertex_id");
        text(key, "key");
    }
}
