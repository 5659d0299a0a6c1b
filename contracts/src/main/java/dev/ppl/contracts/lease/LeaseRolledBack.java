package dev.ppl.contracts.lease;

import static dev.ppl.contracts.codec.Require.present;
import static dev.ppl.contracts.codec.Require.text;

import java.time.Instant;

import dev.ppl.contracts.codec.WireType;

/**
 * A lease was closed by rollback. The one durable close event: every owning service deletes what it
 * owns for this lease (unless the policy is {@code retain_all}) and answers with
 * {@link dev.ppl.contracts.lease.LeaseResourcesReleased}.
 *
 * @param reason why it closed: {@code client}, {@code ttl_expired}, {@code bulk}, {@code run_finished}
 */
@WireType("lease.rolled_back.v1")
public record LeaseRolledBack(String leaseId, String workspaceId, String reason, CleanupPolicy cleanupPolicy,
        Instant closedAt) implements LeaseEvent {
    public LeaseRolledBack {
        text(leaseId, "lease_id");
        text(workspaceId, "workspace_id");
        text(reason, "reason");
        present(cleanupPolicy, "cleanup_policy");
        present(closedAt, "closed_at");
    }
}
