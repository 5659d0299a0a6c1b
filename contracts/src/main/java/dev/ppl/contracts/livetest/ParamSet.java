package dev.ppl.contracts.livetest;

import static dev.ppl.contracts.codec.Require.text;

import dev.ppl.contracts.codec.WireType;

/** One per vertex parameter the manifest sets. */
@WireType("param_set")
public record ParamSet(String vertex, String vertexId, String name, String valueType, String value) implements LiveTestEvent {
    public ParamSet {
        text(vertex, "vertex");
        text(vertexId, "vertex_id");
        text(name, "name");
        text(valueType, "value_type");
        text(value, "value");
    }
}
