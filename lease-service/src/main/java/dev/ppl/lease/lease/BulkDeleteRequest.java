package dev.ppl.lease.lease;

/**
 * The body of {@code POST /internal/leases/delete-bulk}: filters combined with AND; at least one is required.
 * Only leases that are {@code rolled_back}, {@code failed} or {@code committed} are ever deleted.
 *
 * @param closedBefore a Go duration: leases closed longer ago than this
 * @param olderThan a Go duration: leases created longer ago than this
 * @param status {@code rolled_back}, {@code failed} or {@code committed}
 */
public record BulkDeleteRequest(String closedBefore, String olderThan, String status, Boolean dryRun) {
}
