package dev.ppl.contracts.livetest;

import static dev.ppl.contracts.codec.Require.text;

import dev.ppl.contracts.codec.WireType;

/** One per manifest vertex, with the server-assigned vertex id; harness is null for the CUT. */
@WireType("vertex_added")
public record VertexAddedEvent(String vertex, String vertexId, String versionId, String harness) implements LiveTestEvent {
    public VertexAddedEvent {
        text(vertex, "vertex");
        text(vertexId, "vertex_id");
        text(versionId, "version_id");
    }
}
