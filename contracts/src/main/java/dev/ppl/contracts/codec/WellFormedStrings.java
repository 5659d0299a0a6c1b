package dev.ppl.contracts.codec;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * Refuses a JSON string with an unpaired surrogate ({@code "\uDBF5"} alone, which JSON's escapes allow): it has no
 * UTF-8 form, so PostgreSQL, Kafka's readers and every other service would fail on it later. Refused where it is
 * read, naming the field, as an invalid value.
 */
public final class WellFormedStrings extends StringDeserializer {

    /** The module that reads every {@code String} through this deserializer. */
    public static SimpleModule module() {
        return new SimpleModule("well-formed-strings").addDeserializer(String.class, new WellFormedStrings());
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String value = super.deserialize(p, ctxt);
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw InvalidFormatException.from(p, String.format("a string with an unpaired surrogate \\u%04X at %d, "
                        + "which has no UTF-8 form", (int) c, i), "(not shown)", String.class);
            }
        }
        return value;
    }
}
