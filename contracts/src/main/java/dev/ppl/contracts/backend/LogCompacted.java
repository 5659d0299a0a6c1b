package dev.ppl.contracts.backend;

import static dev.ppl.contracts.codec.Require.nonNegative;
import static dev.ppl.contracts.codec.Require.present;
import static dev.ppl.contracts.codec.Require.text;

import java.time.Instant;
import java.util.List;

import dev.ppl.contracts.codec.WireType;

/**
 * The log up to {@code seq - 1} was rewritten into {@code operations}: the minimum sequence that yields
 * the same graph. Replay starts over from an empty graph here; nothing before it can be undone, so its
 * own {@code inverse} is empty.
 *
 * @param vertexCount vertices ever added before the compaction, so vertex ids are never reused
 */
@WireType("backend.log_compacted.v1")
public record LogCompacted(String backendId, long seq, long vertexCount, List<BackendOperation> operations,
        List<BackendOperation> inverse, String actor, String surface, Instant recordedAt) implements BackendEvent {
    public LogCompacted {
        text(backendId, "backend_id");
        nonNegative(seq, "seq");
        nonNegative(vertexCount, "vertex_count");
        operations = List.copyOf(present(operations, "operations"));
        inverse = List.copyOf(present(inverse, "inverse"));
        text(actor, "actor");
        text(surface, "surface");
        present(recordedAt, "recorded_at");
    }
}
