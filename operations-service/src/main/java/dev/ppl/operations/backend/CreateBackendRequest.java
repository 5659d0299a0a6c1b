package dev.ppl.operations.backend;

import dev.ppl.contracts.manifest.ManifestException;

/**
 * {@code POST /internal/backends}: a new empty backend, or a fork of {@code source_backend_id}.
 *
 * @param name null only for a fork, which then takes its source's name
 */
public record CreateBackendRequest(String name, String leaseId, String sourceBackendId) {
    public CreateBackendRequest {
        if (name == null ? sourceBackendId == null : name.isBlank()) {
            throw new ManifestException("name", "a backend name (a fork of source_backend_id may leave it out)");
        }
    }
}
