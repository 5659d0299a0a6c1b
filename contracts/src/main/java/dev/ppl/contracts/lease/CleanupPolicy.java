package dev.ppl.contracts.lease;

import com.fasterxml.jackson.annotation.JsonValue;

/** What closing a lease does to the resources it still owns. */
public enum CleanupPolicy {
    DELETE_EPHEMERAL_RESOURCES("delete_ephemeral_resources"),
    RETAIN_ALL("retain_all");

    private final String wire;

    CleanupPolicy(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public static CleanupPolicy fromWire(String value) {
        for (CleanupPolicy p : values()) {
            if (p.wire.equals(value)) {
                return p;
            }
        }
        throw new IllegalArgumentException(
                "cleanup_policy must be one of delete_ephemeral_resources, retain_all; was '" + value + "'");
    }
}
