package dev.ppl.contracts.backend;

import static dev.ppl.contracts.codec.Require.nonNegative;
import static dev.ppl.contracts.codec.Require.present;
import static dev.ppl.contracts.codec.Require.text;

import java.time.Instant;
import java.util.List;

import dev.ppl.contracts.codec.WireType;

/** A backend was created, empty. Always sequence 0 of its log; stamped with the lease that owns it, if any. */
@WireType("backend.created.v1")
public record BackendCreated(String backendId, long seq, String workspaceId, String name, String leaseId,
        String sourceBackendId, List<BackendOperation> inverse, String actor, String surface,
        Instant recordedAt) implements BackendEvent {
    public BackendCreated {
        text(backendId, "backend_id");
        nonNegative(seq, "seq");
        text(workspaceId, "workspace_id");
        text(name, "name");
        inverse = List.copyOf(present(inverse, "inverse"));
        text(actor, "actor");
        text(surface, "surface");
        present(recordedAt, "recorded_at");
    }
}
