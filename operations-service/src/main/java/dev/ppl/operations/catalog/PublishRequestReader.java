package dev.ppl.operations.catalog;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.contracts.manifest.ManifestException;
import dev.ppl.service.web.InvalidInputException;
import dev.ppl.service.web.ProblemMappers;

/**
 * Binds a publish body to a {@link PublishRequest}. The descriptor's records refuse bad values in their constructors
 * with a generic field such as {@code inputs/outputs[].type}; this puts the refusal at the element that was wrong
 * ({@code outputs[1].type}, {@code file_schema.weights.types}) by combining it with where Jackson was in the body.
 * Field names are relative to the descriptor, as an author reads them in {@code component.yml}.
 */
final class PublishRequestReader {
    private static final String DESCRIPTOR = "descriptor";

    private PublishRequestReader() {
    }

    static PublishRequest read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("body", "{descriptor, prerelease, lease_id?}");
        }
        try {
            return JsonCodec.mapper().readerFor(PublishRequest.class).readValue(body);
        } catch (JsonMappingException e) {
            throw refusal(e);
        } catch (IOException e) {
            throw new InvalidInputException("body", "{descriptor, prerelease, lease_id?}", "request body: " + e.getMessage());
        }
    }

    private static InvalidInputException refusal(JsonMappingException e) {
        String raw = ProblemMappers.fieldPath(e);
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof ManifestException invalid) {
            // The path ends at the object whose constructor refused; the exception names the member of it.
            String member = invalid.field();
            String at = raw.equals(DESCRIPTOR) ? "" : relative(raw);
            String field = at.isEmpty() ? relative(member) : at + "." + member.substring(member.lastIndexOf('.') + 1);
            String prefix = member + ": expected ";
            String expected = invalid.getMessage().startsWith(prefix) ? invalid.getMessage().substring(prefix.length())
                    : invalid.getMessage();
            return new InvalidInputException(field, expected, field + ": expected " + expected);
        }
        String field = raw.isEmpty() ? "body" : raw.equals(DESCRIPTOR) ? DESCRIPTOR : relative(raw);
        String detail = root instanceof IllegalArgumentException && root.getMessage() != null ? root.getMessage()
                : e.getOriginalMessage();
        return new InvalidInputException(field, "a value of the JSON type component.yml declares for " + field,
                "request body: " + field + ": " + detail);
    }

    private static String relative(String field) {
        return field.startsWith(DESCRIPTOR + ".") ? field.substring(DESCRIPTOR.length() + 1) : field;
    }
}
