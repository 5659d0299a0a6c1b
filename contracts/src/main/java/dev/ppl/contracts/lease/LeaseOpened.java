package dev.ppl.contracts.lease;

import static dev.ppl.contracts.codec.Require.present;
import static dev.ppl.contracts.codec.Require.text;

import java.time.Instant;

import dev.ppl.contracts.codec.WireType;

/** A lease was opened; it accepts stamped creates from now until it closes or expires. */
@WireType("lease.opened.v1")
public record LeaseOpened(String leaseId, String workspaceId, String runtime, String label, long ttlSeconds,
        Instant expiresAt, CleanupPolicy cleanupPolicy, Instant openedAt) implements LeaseEvent {
    public LeaseOpened {
        text(leaseId, "lease_id");
        text(workspaceId, "workspace_id");
        text(runtime, "runtime");
        present(expiresAt, "expires_at");
        present(cleanupPolicy, "cleanup_policy");
        present(openedAt, "opened_at");
    }
}
