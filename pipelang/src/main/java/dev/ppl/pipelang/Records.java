package dev.ppl.pipelang;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Validation and printing shared by record types and record literals, which have the same shape. */
final class Records {

    private Records() {
    }

    /** An unmodifiable copy keeping the caller's order, after checking there is a field and every name is valid. */
    static <V> Map<String, V> copyFields(Map<String, V> fields) {
        if (fields == null || fields.isEmpty()) {
            throw PipelangException.invalid("a record with at least one field", "no fields");
        }
        Map<String, V> copy = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (!Cursor.isIdentifier(name)) {
                throw PipelangException.invalid("a field name made of letters, digits and '_'", "'" + name + "'");
            }
            if (value == null) {
                throw PipelangException.invalid("a value for field " + name, "null");
            }
            copy.put(name, value);
        });
        return Collections.unmodifiableMap(copy);
    }

    static String print(Map<String, ?> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /** The fields of a record after its opening brace, through the closing brace. */
    static <V> Map<String, V> parse(Cursor in, Function<Cursor, V> value) {
        Map<String, V> fields = new LinkedHashMap<>();
        do {
            int at = in.offset();
            String name = in.identifier("a field name");
            if (fields.containsKey(name)) {
                throw new PipelangException("duplicate field '" + name + "'", at, "", "a field name not used before",
                        "'" + name + "'");
            }
            in.expect(':');
            fields.put(name, value.apply(in));
        } while (in.tryConsume(','));
        in.expect('}', "'}' or ','");
        return fields;
    }
}
