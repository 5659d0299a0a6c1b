package dev.ppl.contracts.manifest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One manifest vertex.
 *
 * @param harness the name of a harness component ({@code Input JSON HTTP}); null marks the CUT
 * @param params parameter name to typed pipelang literal
 */
public record VertexSpec(String harness, Map<String, ParamSpec> params) {

    public VertexSpec {
        params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /**
     * @param type the pipelang type the literal must match ({@code String}, {@code Double})
     * @param value the pipelang literal ({@code '"fastvit_t8"'}, {@code 0.7})
     */
    public record ParamSpec(String type, String value) {
        public ParamSpec {
            if (type == null || type.isBlank() || value == null) {
                throw new ManifestException("graph.vertices[].params", "{type, value} on every parameter");
            }
        }
    }
}
