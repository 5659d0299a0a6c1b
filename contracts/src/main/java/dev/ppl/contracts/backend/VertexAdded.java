package dev.ppl.contracts.backend;

import static dev.ppl.contracts.codec.Require.nonNegative;
import static dev.ppl.contracts.codec.Require.present;
import static dev.ppl.contracts.codec.Require.text;

import java.time.Instant;
import java.util.List;

import dev.ppl.contracts.codec.WireType;

/**
 * A vertex pinned to a component version was added.
 * Superseded by {@link OperationRecorded}, which records every verb alike; no longer written, still
 * read, so logs written before it replay.
 */
@WireType("backend.vertex_added.v1")
public record VertexAdded(String backendId, long seq, String vertexId, String versionId, String alias,
        List<BackendOperation> inverse, String actor, String surface,
        Instant recordedAt) implements BackendEvent {
    public VertexAdded {
        text(backendId, "backend_id");
        nonNegative(seq, "seq");
        text(vertexId, "vertex_id");
        text(versionId, "version_id");
        inverse = List.copyOf(present(inverse, "inverse"));
        text(actor, "actor");
        text(surface, "surface");
        present(recordedAt, "recorded_at");
    }
}
