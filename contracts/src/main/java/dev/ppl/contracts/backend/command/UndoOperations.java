package dev.ppl.contracts.backend.command;

import static dev.ppl.contracts.codec.Require.text;

import dev.ppl.contracts.codec.WireType;

/** Reverts the last {@code count} operations by appending their inverses. */
@WireType("backend.undo.v1")
public record UndoOperations(String requestId, String backendId, String workspaceId, String actor, String surface, int count)
        implements
            BackendCommand {
    public UndoOperations {
        text(requestId, "request_id");
        text(backendId, "backend_id");
        text(workspaceId, "workspace_id");
        text(actor, "actor");
        text(surface, "surface");
    }
}
