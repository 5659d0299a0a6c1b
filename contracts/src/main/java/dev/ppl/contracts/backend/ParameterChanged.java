package dev.ppl.contracts.backend;

import static dev.ppl.contracts.codec.Require.nonNegative;
import static dev.ppl.contracts.codec.Require.present;
import static dev.ppl.contracts.codec.Require.text;

import java.time.Instant;
import java.util.List;

import dev.ppl.contracts.codec.WireType;

/**
 * A vertex parameter was set to a literal that matches its declared type (value null: back to the default).
 * Superseded by {@link OperationRecorded}, which records every verb alike; no longer written, still
 * read, so logs written before it replay.
 */
@WireType("backend.parameter_changed.v1")
public record ParameterChanged(String backendId, long seq, String vertexId, String name, String valueType, String value,
        List<BackendOperation> inverse, String actor, String surface,
        Instant recordedAt) implements BackendEvent {
    public ParameterChanged {
        text(backendId, "backend_id");
        nonNegative(seq, "seq");
        text(vertexId, "vertex_id");
        text(name, "name");
        inverse = List.copyOf(present(inverse, "inverse"));
        text(actor, "actor");
        text(surface, "surface");
        present(recordedAt, "recorded_at");
    }
}
