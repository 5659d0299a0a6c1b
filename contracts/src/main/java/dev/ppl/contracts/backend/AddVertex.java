package dev.ppl.contracts.backend;

import static dev.ppl.contracts.codec.Require.text;

import dev.ppl.contracts.codec.WireType;

/**
 * Adds a vertex pinned to one component version.
 *
 * @param vertexId absent when a client asks (the server assigns it); present in an inverse that restores a vertex
 */
@WireType("add-vertex")
public record AddVertex(String versionId, String alias, String vertexId) implements BackendOperation {
    public AddVertex {
        text(versionId, "version_id");
    }
}
