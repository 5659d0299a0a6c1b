package dev.ppl.contracts.backend;

import static dev.ppl.contracts.codec.Require.text;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a vertex is: its pinned version and every binding. Maps keep insertion order so two
 * replays of one log print the same JSON.
 *
 * @param params parameter name to its literal
 * @param files file_schema slot to the bound file
 * @param constraints type variable to the pipelang type it is pinned to
 * @param hostPorts container port to host port
 * @param volumes volume name to mount path
 * @param serviceConfig depends_on service to its overridden keys
 */
public record VertexSnapshot(String vertexId, String versionId, String alias, Map<String, Param> params,
        Map<String, FileBinding> files, Map<String, String> constraints, Layout layout, Map<String, String> metadata,
        Map<String, String> endpointAliases, Map<Integer, Integer> hostPorts, Map<String, String> volumes,
        Map<String, Map<String, String>> serviceConfig) {

    public VertexSnapshot {
        text(vertexId, "vertex_id");
        text(versionId, "version_id");
        params = ordered(params);
        files = ordered(files);
        constraints = ordered(constraints);
        metadata = ordered(metadata);
        endpointAliases = ordered(endpointAliases);
        hostPorts = ordered(hostPorts);
        volumes = ordered(volumes);
        serviceConfig = ordered(serviceConfig);
    }

    /** A vertex as {@code add-vertex} creates it: no bindings. */
    public static VertexSnapshot bare(String vertexId, String versionId, String alias) {
        return new VertexSnapshot(vertexId, versionId, alias, null, null, null, null, null, null, null, null, null);
    }

    /** A parameter's value: a pipelang literal of a pipelang type. */
    public record Param(String valueType, String value) {
        public Param {
            text(valueType, "value_type");
            text(value, "value");
        }
    }

    public record FileBinding(String fileId, String fileType) {
        public FileBinding {
            text(fileId, "file_id");
            text(fileType, "file_type");
        }
    }

    private static <K, V> Map<K, V> ordered(Map<K, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
