package dev.ppl.contracts.catalog;

import static dev.ppl.contracts.codec.Require.present;
import static dev.ppl.contracts.codec.Require.text;

import java.time.Instant;

import dev.ppl.contracts.codec.WireType;

/** A component version left the catalog. Reason: client, lease_rolled_back. */
@WireType("catalog.version_deleted.v1")
public record ComponentVersionDeleted(String componentId, String versionId, String leaseId, String reason,
        Instant deletedAt) implements CatalogEvent {
    public ComponentVersionDeleted {
        text(componentId, "component_id");
        text(versionId, "version_id");
        text(reason, "reason");
        present(deletedAt, "deleted_at");
    }
}
