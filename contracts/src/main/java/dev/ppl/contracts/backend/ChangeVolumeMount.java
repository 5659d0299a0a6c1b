package dev.ppl.contracts.backend;

import static dev.ppl.contracts.codec.Require.text;

import dev.ppl.contracts.codec.WireType;

/** Mounts a volume into the vertex's container at an absolute path; a null path unmounts it. */
@WireType("change-volume-mount")
public record ChangeVolumeMount(String vertexId, String volume, String mountPath) implements BackendOperation {
    public ChangeVolumeMount {
        text(vertexId, "vertex_id");
        text(volume, "volume");
        if (mountPath != null && !mountPath.startsWith("/")) {
            throw new IllegalArgumentException("mount_path must be an absolute path, was '" + mountPath + "'");
        }
    }
}
