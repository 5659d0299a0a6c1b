package dev.ppl.contracts.lease;

import static dev.ppl.contracts.codec.Require.present;
import static dev.ppl.contracts.codec.Require.text;

import java.time.Instant;

import dev.ppl.contracts.codec.WireType;

/** A lease was closed by commit: everything it still owns is kept. */
@WireType("lease.committed.v1")
public record LeaseCommitted(String leaseId, String workspaceId, Instant closedAt) implements LeaseEvent {
    public LeaseCommitted {
        text(leaseId, "lease_id");
        text(workspaceId, "workspace_id");
        present(closedAt, "closed_at");
    }
}
