package dev.ppl.lease.lease;

/**
 * The body of {@code POST /internal/leases}; every field is optional.
 *
 * @param ttl a Go duration ({@code 30m})
 * @param cleanupPolicy {@code delete_ephemeral_resources} or {@code retain_all}
 */
public record OpenLeaseRequest(String runtime, String ttl, String label, String cleanupPolicy) {
    public static final OpenLeaseRequest DEFAULTS = new OpenLeaseRequest(null, null, null, null);
}
