package dev.ppl.lease.lease;

import java.util.List;

/** What a bulk call matched: rolled back or deleted, or, on a dry run, what would have been. */
public record BulkResult(boolean dryRun, int count, List<LeaseView> items) {
}
