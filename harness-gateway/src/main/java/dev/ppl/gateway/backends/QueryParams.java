package dev.ppl.gateway.backends;

import dev.ppl.service.web.InvalidInputException;

/** Checks of the numeric query parameters of the public API, so a bad one is a 400 naming it. */
public final class QueryParams {
    private QueryParams() {
    }

    /** The value when it is absent or a whole number >= 0; otherwise a 400 naming the parameter. */
    public static String nonNegative(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            if (Long.parseLong(value) >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidInputException(name, "a whole number >= 0",
                name + ": expected a whole number >= 0, was '" + value + "'");
    }
}
