package dev.ppl.contracts.backend;

import static dev.ppl.contracts.codec.Require.text;

import dev.ppl.contracts.codec.WireType;

/** Migrates a vertex to another version of the same component, keeping the bindings the new version's types allow. */
@WireType("change-version")
public record ChangeVersion(String vertexId, String versionId) implements BackendOperation {
    public ChangeVersion {
        text(vertexId, "vertex_id");
        text(versionId, "version_id");
    }
}
