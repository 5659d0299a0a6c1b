package dev.ppl.deploy.deployment;

import java.util.List;

/**
 * How one vertex of a deployment is wired to the data plane: the topic of each connected input, the
 * topics of each connected output. The gateway routes harness traffic by it.
 *
 * @param harness {@code input}/{@code output} for harness vertices (run by the gateway), null for workloads
 */
public record VertexRoute(String vertexId, String harness, List<InputRoute> inputs, List<OutputRoute> outputs) {
    public record InputRoute(int index, String type, String topic) {
    }

    public record OutputRoute(int index, String type, List<String> topics) {
    }
}
