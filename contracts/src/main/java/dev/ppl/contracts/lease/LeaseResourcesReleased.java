package dev.ppl.contracts.lease;

import static dev.ppl.contracts.codec.Require.present;
import static dev.ppl.contracts.codec.Require.text;

import java.time.Instant;
import java.util.List;

import dev.ppl.contracts.codec.WireType;

/**
 * An owning service's acknowledgement of a lease close: it has deleted (or, under {@code retain_all},
 * kept) everything it owned for the lease. Published by each owner on its own events topic, keyed by
 * lease id.
 *
 * @param owner {@code operations}, {@code deploy} or {@code gateway}
 * @param released the rows deleted
 */
@WireType("lease.resources_released.v1")
public record LeaseResourcesReleased(String leaseId, String owner, List<OwnedResource> released, Instant releasedAt)
        implements
            dev.ppl.contracts.codec.Message {

    public static final List<String> OWNERS = List.of("operations", "deploy", "gateway");

    public LeaseResourcesReleased {
        text(leaseId, "lease_id");
        text(owner, "owner");
        if (!OWNERS.contains(owner)) {
            throw new IllegalArgumentException("owner must be one of " + OWNERS + ", was '" + owner + "'");
        }
        released = List.copyOf(present(released, "released"));
        present(releasedAt, "released_at");
    }
}
