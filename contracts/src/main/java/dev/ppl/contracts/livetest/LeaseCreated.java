package dev.ppl.contracts.livetest;

import static dev.ppl.contracts.codec.Require.present;
import static dev.ppl.contracts.codec.Require.text;

import java.time.Instant;

import dev.ppl.contracts.codec.WireType;

/** The server minted the lease for this run. */
@WireType("lease_created")
public record LeaseCreated(String leaseId, String runtime, String label, Instant expiresAt) implements LiveTestEvent {
    public LeaseCreated {
        text(leaseId, "lease_id");
        text(runtime, "runtime");
        present(expiresAt, "expires_at");
    }
}
