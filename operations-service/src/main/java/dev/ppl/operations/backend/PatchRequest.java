package dev.ppl.operations.backend;

import java.util.List;

import dev.ppl.contracts.backend.BackendOperation;
import dev.ppl.contracts.manifest.ManifestException;

/** {@code POST /internal/backends/{id}/patch}: operations applied all or nothing. */
public record PatchRequest(List<BackendOperation> operations, boolean dryRun) {
    public PatchRequest {
        if (operations == null || operations.isEmpty()) {
            throw new ManifestException("operations", "a non-empty list of operations");
        }
        operations = List.copyOf(operations);
    }
}
