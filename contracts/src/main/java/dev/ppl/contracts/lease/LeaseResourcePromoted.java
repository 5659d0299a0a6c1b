package dev.ppl.contracts.lease;

import static dev.ppl.contracts.codec.Require.present;
import static dev.ppl.contracts.codec.Require.text;

import java.time.Instant;

import dev.ppl.contracts.codec.WireType;

/**
 * One row was taken out of an open lease so that it survives the lease's close. Its owner clears the
 * row's lease stamp; because it is keyed by lease id like the close, every owner sees it before the close.
 *
 * @param kind {@code file}, {@code backend}, {@code version} or {@code deployment}
 */
@WireType("lease.resource_promoted.v1")
public record LeaseResourcePromoted(String leaseId, String workspaceId, String kind, String resourceId,
        Instant promotedAt) implements LeaseEvent {
    public LeaseResourcePromoted {
        text(leaseId, "lease_id");
        text(workspaceId, "workspace_id");
        text(kind, "kind");
        text(resourceId, "resource_id");
        present(promotedAt, "promoted_at");
    }
}
