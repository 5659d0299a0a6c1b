package dev.ppl.lease.lease;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** A lease as the internal API shows it (docs/internal-api.md). */
public record LeaseView(String leaseId, String workspaceId, String runtime, String label, String state, long ttlSeconds,
        Instant expiresAt, String cleanupPolicy, Instant createdAt, Instant closedAt, String closeReason,
        String resultStatus, JsonNode result, List<Resource> resources, List<String> releasedBy) {

    /** @param promoted taken out of the lease: its close keeps it */
    public record Resource(String kind, String id, String owner, boolean promoted) {
    }
}
