package dev.ppl.operations.backend;

import dev.ppl.contracts.manifest.ManifestException;

/** {@code POST /internal/backends}. */
public record CreateBackendRequest(String name, String leaseId) {
    public CreateBackendRequest {
        if (name == null || name.isBlank()) {
            throw new ManifestException("name", "a backend name");
        }
    }
}
