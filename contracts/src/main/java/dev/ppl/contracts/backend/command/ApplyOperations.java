package dev.ppl.contracts.backend.command;

import static dev.ppl.contracts.codec.Require.present;
import static dev.ppl.contracts.codec.Require.text;

import java.util.List;

import dev.ppl.contracts.backend.BackendOperation;
import dev.ppl.contracts.codec.WireType;

/** Applies operations all or nothing (one operation, or a patch); a dry run records nothing and answers the graph. */
@WireType("backend.apply_operations.v1")
public record ApplyOperations(String requestId, String backendId, String workspaceId, String actor, String surface,
        List<BackendOperation> operations, boolean dryRun) implements BackendCommand {
    public ApplyOperations {
        text(requestId, "request_id");
        text(backendId, "backend_id");
        text(workspaceId, "workspace_id");
        text(actor, "actor");
        text(surface, "surface");
        operations = List.copyOf(present(operations, "operations"));
        if (operations.isEmpty()) {
            throw new IllegalArgumentException("operations must not be empty");
        }
    }
}
