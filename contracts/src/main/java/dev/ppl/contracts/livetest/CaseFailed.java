package dev.ppl.contracts.livetest;

import static dev.ppl.contracts.codec.Require.present;
import static dev.ppl.contracts.codec.Require.text;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.codec.WireType;

/** A manifest case's output frame differed from what it expected, or none arrived (actual absent, error says why). */
@WireType("case_failed")
public record CaseFailed(String name, String fixture, JsonNode expected, JsonNode actual,
        String error) implements LiveTestEvent {
    public CaseFailed {
        text(name, "name");
        text(fixture, "fixture");
        present(expected, "expected");
    }
}
