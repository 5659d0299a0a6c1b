package dev.ppl.lease.lease;

import java.util.Arrays;

import dev.ppl.service.web.InvalidInputException;

/** Where a lease is in its life; every state but {@code open} is closed. */
public enum LeaseState {
    OPEN("open"),
    ROLLING_BACK("rolling_back"),
    ROLLED_BACK("rolled_back"),
    /** Rolled back, and the run it held had failed. */
    FAILED("failed"),
    COMMITTED("committed");

    private static final String ONE_OF = "one of open, rolling_back, rolled_back, failed, committed";

    private final String wire;

    LeaseState(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Closed with nothing left in flight: what delete and delete-bulk may remove. */
    public boolean settled() {
        return this == ROLLED_BACK || this == FAILED || this == COMMITTED;
    }

    public static LeaseState fromWire(String value, String field) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(value)).findFirst()
                .orElseThrow(() -> new InvalidInputException(field, ONE_OF,
                        field + " must be " + ONE_OF + "; was '" + value + "'"));
    }
}
