package dev.ppl.contracts.backend;

import static dev.ppl.contracts.codec.Require.nonNegative;
import static dev.ppl.contracts.codec.Require.present;
import static dev.ppl.contracts.codec.Require.text;

import java.time.Instant;
import java.util.List;

import dev.ppl.contracts.codec.WireType;

/**
 * An edge was connected; its types unified.
 * Superseded by {@link OperationRecorded}, which records every verb alike; no longer written, still
 * read, so logs written before it replay.
 */
@WireType("backend.edge_connected.v1")
public record EdgeConnected(String backendId, long seq, String fromVertex, int fromOutput, String toVertex, int toInput,
        List<BackendOperation> inverse, String actor, String surface,
        Instant recordedAt) implements BackendEvent {
    public EdgeConnected {
        text(backendId, "backend_id");
        nonNegative(seq, "seq");
        text(fromVertex, "from_vertex");
        nonNegative(fromOutput, "from_output");
        text(toVertex, "to_vertex");
        nonNegative(toInput, "to_input");
        inverse = List.copyOf(present(inverse, "inverse"));
        text(actor, "actor");
        text(surface, "surface");
        present(recordedAt, "recorded_at");
    }
}
