package dev.ppl.lease.lease;

import java.time.Instant;
import java.util.List;

/** A lease as the internal API shows it (docs/internal-api.md). */
public record LeaseView(String leaseId, String workspaceId, String runtime, String label, String state, long ttlSeconds,
        Instant expiresAt, String cleanupPolicy, Instant createdAt, Instant closedAt, String closeReason,
        List<Resource> resources, List<String> releasedBy) {

    public record Resource(String kind, String id, String owner) {
    }
}
