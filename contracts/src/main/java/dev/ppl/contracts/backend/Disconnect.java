package dev.ppl.contracts.backend;

import static dev.ppl.contracts.codec.Require.nonNegative;
import static dev.ppl.contracts.codec.Require.text;

import dev.ppl.contracts.codec.WireType;

/** Removes the one inbound edge of an input; inputs take at most one upstream edge. */
@WireType("disconnect")
public record Disconnect(String toVertex, int toInput) implements BackendOperation {
    public Disconnect {
        text(toVertex, "to_vertex");
        nonNegative(toInput, "to_input");
    }
}
