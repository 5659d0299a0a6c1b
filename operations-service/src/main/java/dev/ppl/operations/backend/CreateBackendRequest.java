package dev.ppl.operations.backend;

import dev.ppl.contracts.manifest.ManifestException;

/** {@code POST /internal/backends}: a new empty backend, or a fork of {@code source_backend_id}. */
public record CreateBackendRequest(String name, String leaseId, String sourceBackendId) {
    public CreateBackendRequest {
        if (name == null || name.isBlank()) {
            throw new ManifestException("name", "a backend name");
        }
    }
}
