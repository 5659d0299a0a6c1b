package dev.ppl.contracts.backend;

import static dev.ppl.contracts.codec.Require.nonNegative;
import static dev.ppl.contracts.codec.Require.text;

import dev.ppl.contracts.codec.WireType;

/** Wires (from_vertex, from_output) to (to_vertex, to_input). */
@WireType("connect")
public record Connect(String fromVertex, int fromOutput, String toVertex, int toInput) implements BackendOperation {
    public Connect {
        text(fromVertex, "from_vertex");
        nonNegative(fromOutput, "from_output");
        text(toVertex, "to_vertex");
        nonNegative(toInput, "to_input");
    }
}
