package dev.ppl.deploy.deployment;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.Ids;
import dev.ppl.contracts.Topics;
import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.contracts.component.ComponentDescriptor;
import dev.ppl.deploy.runtime.Workload;

/**
 * What a deployment of a backend graph consists of, computed from the graph alone: one topic per edge,
 * each vertex's routing, and one workload (with its environment contract) per non-harness vertex.
 */
public record DeploymentPlan(String deploymentId, long backendSeq, List<VertexRoute> routes, List<Workload> workloads,
        Set<String> topics) {

    /** Where a runtime fetches a bound file from. */
    @FunctionalInterface
    public interface FileLocator {
        URI locate(String fileId);
    }

    /**
     * @param files where each workload's runtime fetches the files the graph binds to its vertex; not asked
     *        when the graph binds none
     */
    public static DeploymentPlan of(String deploymentId, JsonNode graph, String kafkaBootstrap, String leaseId,
            FileLocator files) {
        Map<String, List<VertexRoute.InputRoute>> inputs = new LinkedHashMap<>();
        Map<String, Map<Integer, List<String>>> outputs = new LinkedHashMap<>();
        Map<String, ComponentDescriptor> descriptors = new LinkedHashMap<>();
        for (JsonNode vertex : graph.path("vertices")) {
            descriptors.put(vertex.path("vertex_id").asText(), descriptor(vertex));
        }
        Set<String> topics = new LinkedHashSet<>();
        for (JsonNode edge : graph.path("edges")) {
            String from = edge.path("from_vertex").asText();
            int fromOutput = edge.path("from_output").asInt();
            String to = edge.path("to_vertex").asText();
            int toInput = edge.path("to_input").asInt();
            String topic = Topics.edgeTopic(deploymentId, from, fromOutput, to, toInput);
            topics.add(topic);
            inputs.computeIfAbsent(to, v -> new ArrayList<>())
                    .add(new VertexRoute.InputRoute(toInput, portType(descriptors.get(to).inputs(), toInput), topic));
            outputs.computeIfAbsent(from, v -> new TreeMap<>()).computeIfAbsent(fromOutput, o -> new ArrayList<>()).add(topic);
        }
        List<VertexRoute> routes = new ArrayList<>();
        List<Workload> workloads = new ArrayList<>();
        for (JsonNode vertex : graph.path("vertices")) {
            String vertexId = vertex.path("vertex_id").asText();
            ComponentDescriptor descriptor = descriptors.get(vertexId);
            List<VertexRoute.OutputRoute> outs = new ArrayList<>();
            outputs.getOrDefault(vertexId, Map.of()).forEach((index, edgeTopics) -> outs
                    .add(new VertexRoute.OutputRoute(index, portType(descriptor.outputs(), index), List.copyOf(edgeTopics))));
            List<VertexRoute.InputRoute> ins = inputs.getOrDefault(vertexId, List.of()).stream()
                    .sorted(java.util.Comparator.comparingInt(VertexRoute.InputRoute::index)).toList();
            VertexRoute route = new VertexRoute(vertexId, descriptor.harness(), ins, outs);
            routes.add(route);
            if (!descriptor.isHarness()) {
                String containerId = Ids.next(Ids.CONTAINER);
                workloads.add(new Workload(containerId, deploymentId, vertexId, descriptor,
                        environment(deploymentId, containerId, leaseId, kafkaBootstrap, route, descriptor,
                                vertex.path("params")),
                        boundFiles(vertex.path("files"), files)));
            }
        }
        return new DeploymentPlan(deploymentId, graph.path("seq").asLong(), routes, workloads, topics);
    }

    /** The environment contract of docs/internal-api.md. */
    static Map<String, String> environment(String deploymentId, String containerId, String leaseId, String kafkaBootstrap,
            VertexRoute route, ComponentDescriptor descriptor, JsonNode params) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PPL_KAFKA_BOOTSTRAP", kafkaBootstrap);
        env.put("PPL_DEPLOYMENT_ID", deploymentId);
        env.put("PPL_VERTEX_ID", route.vertexId());
        env.put("PPL_CONTAINER_ID", containerId);
        env.put("PPL_LEASE_ID", leaseId == null ? "" : leaseId);
        env.put("PPL_CONSUMER_GROUP", "ppl." + deploymentId + "." + route.vertexId());
        for (VertexRoute.InputRoute in : route.inputs()) {
            env.put("PPL_INPUT_" + in.index() + "_TOPIC", in.topic());
            env.put("PPL_INPUT_" + in.index() + "_TYPE", in.type());
        }
        for (VertexRoute.OutputRoute out : route.outputs()) {
            env.put("PPL_OUTPUT_" + out.index() + "_TOPICS", String.join(",", out.topics()));
            env.put("PPL_OUTPUT_" + out.index() + "_TYPE", out.type());
        }
        Map<String, String> literals = new LinkedHashMap<>();
        descriptor.configSchema().forEach((name, param) -> {
            if (param.defaultValue() != null) {
                literals.put(name, param.defaultValue());
            }
        });
        params.fields().forEachRemaining(p -> {
            JsonNode value = p.getValue().get("value");
            if (value != null && !value.isNull()) {
                literals.put(p.getKey(), value.asText());
            }
        });
        try {
            env.put("PPL_PARAMS", JsonCodec.mapper().writeValueAsString(literals));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return env;
    }

    /** The vertex's {@code files} ({@code {slot: {file_id, file_type}}}), a cleared slot left out. */
    private static Map<String, Workload.BoundFile> boundFiles(JsonNode bindings, FileLocator files) {
        Map<String, Workload.BoundFile> bound = new TreeMap<>();
        bindings.fields().forEachRemaining(binding -> {
            String fileId = binding.getValue().path("file_id").asText("");
            if (!fileId.isBlank()) {
                bound.put(binding.getKey(), new Workload.BoundFile(fileId, files.locate(fileId)));
            }
        });
        return bound;
    }

    private static ComponentDescriptor descriptor(JsonNode vertex) {
        try {
            return JsonCodec.mapper().treeToValue(vertex.path("descriptor"), ComponentDescriptor.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("vertex " + vertex.path("vertex_id").asText() + " has no valid descriptor: "
                    + e.getMessage(), e);
        }
    }

    private static String portType(List<ComponentDescriptor.Port> ports, int index) {
        return index < ports.size() ? ports.get(index).type() : "t";
    }
}
