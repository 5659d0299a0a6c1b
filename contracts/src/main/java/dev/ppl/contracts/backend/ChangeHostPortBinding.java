package dev.ppl.contracts.backend;

import static dev.ppl.contracts.codec.Require.text;

import dev.ppl.contracts.codec.WireType;

/** Maps a container port to a host port for direct access; a null host port removes the binding. */
@WireType("change-host-port-binding")
public record ChangeHostPortBinding(String vertexId, int containerPort, Integer hostPort) implements BackendOperation {
    public ChangeHostPortBinding {
        text(vertexId, "vertex_id");
        port(containerPort, "container_port");
        if (hostPort != null) {
            port(hostPort, "host_port");
        }
    }

    private static void port(int port, String field) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(field + " must be a port number from 1 to 65535, was " + port);
        }
    }
}
