package dev.ppl.lease.lease;

/**
 * The body of {@code POST /internal/leases/rollback-bulk}: filters combined with AND; at least one is required.
 *
 * @param olderThan a Go duration: leases created longer ago than this
 * @param failed only leases whose result is {@code failed}
 * @param labelPrefix only leases whose label starts with this
 */
public record BulkRollbackRequest(String olderThan, Boolean failed, String runtime, String labelPrefix, Boolean dryRun) {
}
