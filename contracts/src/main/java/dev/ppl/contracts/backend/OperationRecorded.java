package dev.ppl.contracts.backend;

import static dev.ppl.contracts.codec.Require.nonNegative;
import static dev.ppl.contracts.codec.Require.present;
import static dev.ppl.contracts.codec.Require.text;

import java.time.Instant;
import java.util.List;

import dev.ppl.contracts.codec.WireType;

/**
 * One accepted operation of the vocabulary, as applied: server-assigned values are filled in (the
 * {@code vertex_id} of an {@code add-vertex}), and {@code inverse} holds the operations that undo it.
 * Subscribers switch on {@code operation.type}.
 */
@WireType("backend.operation_recorded.v1")
public record OperationRecorded(String backendId, long seq, BackendOperation operation, List<BackendOperation> inverse,
        String actor, String surface, Instant recordedAt) implements BackendEvent {
    public OperationRecorded {
        text(backendId, "backend_id");
        nonNegative(seq, "seq");
        present(operation, "operation");
        inverse = List.copyOf(present(inverse, "inverse"));
        text(actor, "actor");
        text(surface, "surface");
        present(recordedAt, "recorded_at");
    }
}
