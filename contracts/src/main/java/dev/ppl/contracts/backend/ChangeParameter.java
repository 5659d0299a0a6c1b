package dev.ppl.contracts.backend;

import static dev.ppl.contracts.codec.Require.text;

import dev.ppl.contracts.codec.WireType;

/**
 * Sets a vertex's config parameter to a pipelang literal of the given type.
 *
 * @param value a pipelang literal ({@code "text"}, {@code 0.7}, {@code [1, 2]}), or null to clear the
 *        parameter back to the component's default (used by inverses)
 */
@WireType("change-parameter")
public record ChangeParameter(String vertexId, String name, String valueType, String value) implements BackendOperation {
    public ChangeParameter {
        text(vertexId, "vertex_id");
        text(name, "name");
        if (value != null) {
            text(valueType, "value_type");
        }
    }
}
