package dev.ppl.deploy.runtime;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

import dev.ppl.contracts.component.ComponentDescriptor;

/**
 * One container to run: a workload vertex of a deployment, with its environment contract filled in.
 *
 * @param files the files bound to the vertex's {@code file_schema} slots, by slot: the runtime delivers each
 *        into {@code PPL_FILES_DIR/<slot>} before the component starts
 */
public record Workload(String containerId, String deploymentId, String vertexId, ComponentDescriptor descriptor,
        Map<String, String> environment, Map<String, BoundFile> files) {

    public Workload {
        environment = Map.copyOf(environment);
        files = files == null ? Map.of() : Map.copyOf(files);
    }

    public Workload(String containerId, String deploymentId, String vertexId, ComponentDescriptor descriptor,
            Map<String, String> environment) {
        this(containerId, deploymentId, vertexId, descriptor, environment, Map.of());
    }

    /**
     * A bound file and where the runtime fetches it.
     *
     * @param url a signed URL of the gateway's {@code /files/{id}/content}, valid for a while
     */
    public record BoundFile(String fileId, URI url) {
        public BoundFile {
            Objects.requireNonNull(fileId, "fileId");
            Objects.requireNonNull(url, "url");
        }
    }
}
