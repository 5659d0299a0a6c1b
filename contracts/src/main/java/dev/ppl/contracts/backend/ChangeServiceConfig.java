package dev.ppl.contracts.backend;

import static dev.ppl.contracts.codec.Require.text;

import dev.ppl.contracts.codec.WireType;

/** Overrides a (service, key) value of one of the vertex's {@code depends_on} services; null removes the override. */
@WireType("change-service-config")
public record ChangeServiceConfig(String vertexId, String service, String key, String value) implements BackendOperation {
    public ChangeServiceConfig {
        text(vertexId, "vertex_id");
        text(service, "service");
        text(key, "key");
    }
}
