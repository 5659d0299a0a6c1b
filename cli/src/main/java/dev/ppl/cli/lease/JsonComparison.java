package dev.ppl.cli.lease;

import java.util.Comparator;

import com.fasterxml.jackson.databind.JsonNode;

/** A case passes when the frame equals what it expects as JSON: same structure, numbers equal by value. */
final class JsonComparison {
    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private JsonComparison() {
    }

    static boolean sameJson(JsonNode expected, JsonNode actual) {
        return actual != null && expected.equals(NUMBERS_BY_VALUE, actual);
    }
}
