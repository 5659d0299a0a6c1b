package dev.ppl.contracts.livetest;

import static dev.ppl.contracts.codec.Require.present;
import static dev.ppl.contracts.codec.Require.text;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.codec.WireType;

/** A manifest case's output frame equalled what it expected. */
@WireType("case_passed")
public record CasePassed(String name, String fixture, JsonNode actual) implements LiveTestEvent {
    public CasePassed {
        text(name, "name");
        text(fixture, "fixture");
        present(actual, "actual");
    }
}
