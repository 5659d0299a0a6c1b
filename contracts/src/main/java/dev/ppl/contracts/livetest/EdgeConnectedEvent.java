package dev.ppl.contracts.livetest;

import static dev.ppl.contracts.codec.Require.nonNegative;
import static dev.ppl.contracts.codec.Require.text;

import dev.ppl.contracts.codec.WireType;

/** One per manifest edge; from and to are manifest vertex names. */
@WireType("edge_connected")
public record EdgeConnectedEvent(String from, int fromOutput, String to, int toInput) implements LiveTestEvent {
    public EdgeConnectedEvent {
        text(from, "from");
        nonNegative(fromOutput, "from_output");
        text(to, "to");
        nonNegative(toInput, "to_input");
    }
}
