package dev.ppl.operations.graph;

import java.time.Instant;
import java.util.List;

import dev.ppl.contracts.backend.VertexSnapshot;

/**
 * A backend's graph as stored in the projection and compared in tests: everything the replay of its log
 * yields, nothing derived from the catalog.
 *
 * @param baseSeq the sequence number replay starts from: 0, or the last {@code LogCompacted}
 * @param vertexCount vertices ever added, so ids are never reused
 */
public record GraphDocument(String backendId, String workspaceId, String name, String leaseId, String sourceBackendId,
        long seq, long baseSeq, long vertexCount, boolean deleted, Instant createdAt, List<VertexSnapshot> vertices,
        List<Edge> edges) {
}
