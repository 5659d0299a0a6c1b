package dev.ppl.contracts.backend;

import static dev.ppl.contracts.codec.Require.present;

import dev.ppl.contracts.codec.WireType;

/**
 * Puts back a vertex with its id and every binding it had. Only the platform writes it: in the inverse
 * of {@code delete-vertex} and in a compacted log; clients add vertices with {@code add-vertex}.
 */
@WireType("restore-vertex")
public record RestoreVertex(VertexSnapshot vertex) implements BackendOperation {
    public RestoreVertex {
        present(vertex, "vertex");
    }
}
