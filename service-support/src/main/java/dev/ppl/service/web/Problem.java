package dev.ppl.service.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail. {@code field} and {@code expected} are extension members naming the
 * input that was refused and what would have been accepted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String field,
        String expected) {
    public static final String MEDIA_TYPE = "application/problem+json";
}
