package dev.ppl.lease.lease;

import java.util.Arrays;

import dev.ppl.service.web.InvalidInputException;

/** Where a lease is in its life; every state but {@code open} is closed. */
public enum LeaseState {
    OPEN("open"),
    ROLLING_BACK("rolling_back"),
    ROLLED_BACK("rolled_back"),
    COMMITTED("committed");

    private final String wire;

    LeaseState(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static LeaseState fromWire(String value, String field) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(value)).findFirst()
                .orElseThrow(() -> new InvalidInputException(field, "one of open, rolling_back, rolled_back, committed",
                        field + " must be one of open, rolling_back, rolled_back, committed; was '" + value + "'"));
    }
}
