package dev.ppl.lease.lease;

/**
 * The body of {@code POST /internal/leases/{id}/promote}.
 *
 * @param kind {@code file}, {@code backend}, {@code version} or {@code deployment}
 * @param id the row's id
 */
public record PromoteRequest(String kind, String id) {
}
