package dev.ppl.deploy.deployment;

import dev.ppl.contracts.manifest.GoDuration;
import dev.ppl.contracts.manifest.ManifestException;

/** {@code POST /internal/deployments}: deploy a backend as of its current sequence number. */
public record DeployRequest(String backendId, String runtime, String leaseId, String fixedDuration) {
    public DeployRequest {
        if (backendId == null || backendId.isBlank()) {
            throw new ManifestException("backend_id", "the id of the backend to deploy");
        }
        if (runtime == null || runtime.isBlank()) {
            throw new ManifestException("runtime", "a runtime id such as local");
        }
        if (fixedDuration != null) {
            GoDuration.parse(fixedDuration, "fixed_duration");
        }
    }
}
