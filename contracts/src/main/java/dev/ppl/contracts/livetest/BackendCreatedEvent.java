package dev.ppl.contracts.livetest;

import static dev.ppl.contracts.codec.Require.text;

import dev.ppl.contracts.codec.WireType;

/** The server allocated the run's backend. */
@WireType("backend_created")
public record BackendCreatedEvent(String backendId) implements LiveTestEvent {
    public BackendCreatedEvent {
        text(backendId, "backend_id");
    }
}
