package dev.ppl.contracts.backend.command;

import static dev.ppl.contracts.codec.Require.text;

import dev.ppl.contracts.codec.WireType;

/** Rewrites the backend's log into the minimum sequence that yields the same graph. */
@WireType("backend.compact.v1")
public record CompactLog(String requestId, String backendId, String workspaceId, String actor, String surface)
        implements
            BackendCommand {
    public CompactLog {
        text(requestId, "request_id");
        text(backendId, "backend_id");
        text(workspaceId, "workspace_id");
        text(actor, "actor");
        text(surface, "surface");
    }
}
