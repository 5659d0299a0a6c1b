package dev.ppl.contracts.catalog;

import static dev.ppl.contracts.codec.Require.present;
import static dev.ppl.contracts.codec.Require.text;

import java.time.Instant;

import dev.ppl.contracts.codec.WireType;

/** A component version entered the catalog; a prerelease published by a lease run carries the lease id. */
@WireType("catalog.version_published.v1")
public record ComponentVersionPublished(String componentId, String versionId, String workspaceId, String name,
        String version, boolean prerelease, String leaseId, Instant publishedAt) implements CatalogEvent {
    public ComponentVersionPublished {
        text(componentId, "component_id");
        text(versionId, "version_id");
        text(workspaceId, "workspace_id");
        text(name, "name");
        text(version, "version");
        present(publishedAt, "published_at");
    }
}
