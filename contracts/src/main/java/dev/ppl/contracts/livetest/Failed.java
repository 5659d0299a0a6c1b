package dev.ppl.contracts.livetest;

import static dev.ppl.contracts.codec.Require.text;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.codec.WireType;

/**
 * Terminal failure. stage is one of manifest, release, lease, fixtures, backend, deploy, transport; debug_bundle is optional.
 */
@WireType("failed")
public record Failed(String stage, String error, JsonNode debugBundle) implements LiveTestEvent {
    public Failed {
        text(stage, "stage");
        text(error, "error");
    }
}
