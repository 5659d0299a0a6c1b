package dev.ppl.contracts.livetest;

import static dev.ppl.contracts.codec.Require.nonNegative;
import static dev.ppl.contracts.codec.Require.text;

import dev.ppl.contracts.codec.WireType;

/** One per spawned container, when it runs (or fails to). */
@WireType("container")
public record ContainerEvent(String containerId, String vertex, String vertexId, String status, int restarts, Integer exitCode,
        String message) implements LiveTestEvent {
    public ContainerEvent {
        text(containerId, "container_id");
        text(vertex, "vertex");
        text(vertexId, "vertex_id");
        text(status, "status");
        nonNegative(restarts, "restarts");
    }
}
