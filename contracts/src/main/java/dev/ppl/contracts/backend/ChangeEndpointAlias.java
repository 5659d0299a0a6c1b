package dev.ppl.contracts.backend;

import static dev.ppl.contracts.codec.Require.text;

import dev.ppl.contracts.codec.WireType;

/** Maps an endpoint the component declares to a stable role string; a null alias removes the mapping. */
@WireType("change-endpoint-alias")
public record ChangeEndpointAlias(String vertexId, String endpoint, String alias) implements BackendOperation {
    public ChangeEndpointAlias {
        text(vertexId, "vertex_id");
        text(endpoint, "endpoint");
    }
}
