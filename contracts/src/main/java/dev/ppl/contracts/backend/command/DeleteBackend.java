package dev.ppl.contracts.backend.command;

import static dev.ppl.contracts.codec.Require.text;

import dev.ppl.contracts.codec.WireType;

/**
 * Deletes a backend: its log ends with {@code BackendDeleted}. Reason {@code client} or
 * {@code lease_rolled_back}.
 */
@WireType("backend.delete.v1")
public record DeleteBackend(String requestId, String backendId, String workspaceId, String actor, String surface,
        String reason) implements BackendCommand {
    public DeleteBackend {
        text(requestId, "request_id");
        text(backendId, "backend_id");
        text(workspaceId, "workspace_id");
        text(actor, "actor");
        text(surface, "surface");
        text(reason, "reason");
    }
}
