package dev.ppl.operations.catalog;

import dev.ppl.contracts.component.ComponentDescriptor;
import dev.ppl.contracts.manifest.ManifestException;

/** {@code POST /internal/components/versions}. */
public record PublishRequest(ComponentDescriptor descriptor, boolean prerelease, String leaseId) {
    public PublishRequest {
        if (descriptor == null) {
            throw new ManifestException("descriptor", "the component's component.yml as JSON");
        }
        if (descriptor.isHarness()) {
            throw new ManifestException("descriptor.harness", "no harness: harness components are built into the platform");
        }
    }
}
