package dev.ppl.contracts.backend;

import static dev.ppl.contracts.codec.Require.text;

import dev.ppl.contracts.codec.WireType;

/**
 * Pins one of a vertex's generic type variables to a type when inference cannot decide on its own.
 *
 * @param pinnedType a pipelang type, or null to lift the constraint (used by inverses); not {@code type},
 *        which names the message on the wire
 */
@WireType("add-constraint")
public record AddConstraint(String vertexId, String variable, String pinnedType) implements BackendOperation {
    public AddConstraint {
        text(vertexId, "vertex_id");
        text(variable, "variable");
    }
}
