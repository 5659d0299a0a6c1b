package dev.ppl.contracts.backend.command;

import static dev.ppl.contracts.codec.Require.present;
import static dev.ppl.contracts.codec.Require.text;

import java.util.List;

import dev.ppl.contracts.backend.BackendEvent;
import dev.ppl.contracts.codec.WireType;

/**
 * Creates an empty backend, or a fork: {@code copied} holds the source's log since its base (its
 * operations and compactions), which the fork takes over renumbered.
 */
@WireType("backend.create.v1")
public record CreateBackend(String requestId, String backendId, String workspaceId, String actor, String surface, String name,
        String leaseId, String sourceBackendId, List<BackendEvent> copied) implements BackendCommand {
    public CreateBackend {
        text(requestId, "request_id");
        text(backendId, "backend_id");
        text(workspaceId, "workspace_id");
        text(actor, "actor");
        text(surface, "surface");
        text(name, "name");
        copied = copied == null ? List.of() : List.copyOf(copied);
        if (!copied.isEmpty()) {
            present(sourceBackendId, "source_backend_id");
        }
    }
}
