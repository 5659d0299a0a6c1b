package dev.ppl.lease.result;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code PUT /internal/leases/{id}/result}.
 *
 * @param status {@code passed} or {@code failed}
 * @param result any JSON object
 */
public record ResultRequest(String status, JsonNode result) {
}
