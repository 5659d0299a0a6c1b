package dev.ppl.contracts.deploy;

import com.fasterxml.jackson.annotation.JsonValue;

/** The state of one container (a Kubernetes container or a local process). */
public enum ContainerStatus {
    WAITING("waiting"),
    RUNNING("running"),
    TERMINATED("terminated");

    private final String wire;

    ContainerStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }
}
