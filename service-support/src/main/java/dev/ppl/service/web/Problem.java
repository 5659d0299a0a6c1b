package dev.ppl.service.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail. {@code field} and {@code expected} are extension members naming the
 * input that was refused and what would have been accepted; {@code limit} is the number a refused input
 * went past (bytes, levels, items, seconds: {@code expected} says which and names its setting).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String field,
        String expected, Long limit) {
    public static final String MEDIA_TYPE = "application/problem+json";
}
