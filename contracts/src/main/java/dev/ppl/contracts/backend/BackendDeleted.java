package dev.ppl.contracts.backend;

import static dev.ppl.contracts.codec.Require.nonNegative;
import static dev.ppl.contracts.codec.Require.present;
import static dev.ppl.contracts.codec.Require.text;

import java.time.Instant;
import java.util.List;

import dev.ppl.contracts.codec.WireType;

/** A backend was deleted; its log ends here. Reason: client, lease_rolled_back. */
@WireType("backend.deleted.v1")
public record BackendDeleted(String backendId, long seq, String reason, String leaseId, List<BackendOperation> inverse,
        String actor, String surface,
        Instant recordedAt) implements BackendEvent {
    public BackendDeleted {
        text(backendId, "backend_id");
        nonNegative(seq, "seq");
        text(reason, "reason");
        inverse = List.copyOf(present(inverse, "inverse"));
        text(actor, "actor");
        text(surface, "surface");
        present(recordedAt, "recorded_at");
    }
}
