package dev.ppl.operations.catalog;

import java.util.List;

import dev.ppl.contracts.component.ComponentDescriptor;

/** A component version as the internal API shows it. */
public record VersionView(String id, String componentId, String name, String version, boolean prerelease,
        List<String> tags, String leaseId, String workspaceId, String harness, ComponentDescriptor descriptor) {
}
