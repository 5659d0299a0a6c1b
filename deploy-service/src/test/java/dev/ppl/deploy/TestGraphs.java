package dev.ppl.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ppl.contracts.codec.JsonCodec;

/**
 * Graphs as the operations-service returns them: input harness "1" → workload "2" → output harness "3",
 * the workload run by the local runtime with the command each builder gives it.
 */
public final class TestGraphs {
    private TestGraphs() {
    }

    /** The workload is {@link EchoComponent}, a real JVM that echoes its input. */
    public static JsonNode echo() {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx64m", "-XX:TieredStopAtLevel=1",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-cp", System.getProperty("java.class.path")));
        command.add(EchoComponent.class.getName());
        return withWorkload(Map.of("command", command));
    }

    /** The workload runs {@code command} in {@code workdir}, as a component's {@code local} section says. */
    public static JsonNode local(List<String> command, String workdir) {
        return withWorkload(Map.of("command", command, "workdir", workdir));
    }

    /** The workload is {@code sh -c <script>}. */
    public static JsonNode script(String script) {
        return withWorkload(Map.of("command", List.of("sh", "-c", script)));
    }

    /** The workload has an image and no {@code local.command}: the local runtime cannot run it. */
    public static JsonNode imageOnly() {
        return parse(graph("null, \"image\": \"registry/imaged:1\""));
    }

    /** Input harness → output harness, no workload at all. */
    public static JsonNode harnessesOnly() {
        return parse("""
                {"backend_id": "bk", "seq": 2, "vertices": [
                  {"vertex_id": "1", "harness": "input", "descriptor": {"name": "Input JSON HTTP", "version": "1",
                    "outputs": [{"name": "out", "type": "t"}], "harness": "input"}, "params": {}},
                  {"vertex_id": "3", "harness": "output", "descriptor": {"name": "Output JSON HTTP", "version": "1",
                    "inputs": [{"name": "in", "type": "t"}], "harness": "output"}, "params": {}}],
                 "edges": [{"from_vertex": "1", "from_output": 0, "to_vertex": "3", "to_input": 0}]}
                """);
    }

    /** The graph with a file bound to a slot of its workload "2". */
    public static JsonNode bind(JsonNode graph, String slot, String fileId) {
        ObjectNode workload = (ObjectNode) graph.path("vertices").get(1);
        ObjectNode files = workload.has("files") ? (ObjectNode) workload.get("files") : workload.putObject("files");
        files.putObject(slot).put("file_id", fileId).put("file_type", "onnx");
        return graph;
    }

    /** The graph with its workload's component asking for resources ({@code {"cpu": "500m", ...}}). */
    public static JsonNode resources(JsonNode graph, String json) {
        ((ObjectNode) graph.path("vertices").get(1).path("descriptor")).set("resources", parse(json));
        return graph;
    }

    private static JsonNode withWorkload(Map<String, Object> local) {
        return parse(graph(JsonCodec.mapper().valueToTree(local).toString()));
    }

    private static String graph(String local) {
        return """
                {"backend_id": "bk", "seq": 6, "vertices": [
                  {"vertex_id": "1", "harness": "input", "descriptor": {"name": "Input JSON HTTP", "version": "1",
                    "outputs": [{"name": "out", "type": "t"}], "harness": "input"}, "params": {}},
                  {"vertex_id": "2", "descriptor": {"name": "echo", "version": "1", "inputs": [{"name": "in", "type": "String"}],
                    "outputs": [{"name": "out", "type": "String"}], "local": %s}, "params": {}},
                  {"vertex_id": "3", "harness": "output", "descriptor": {"name": "Output JSON HTTP", "version": "1",
                    "inputs": [{"name": "in", "type": "t"}], "harness": "output"}, "params": {}}],
                 "edges": [{"from_vertex": "1", "from_output": 0, "to_vertex": "2", "to_input": 0},
                           {"from_vertex": "2", "from_output": 0, "to_vertex": "3", "to_input": 0}]}
                """
                .formatted(local);
    }

    private static JsonNode parse(String json) {
        try {
            return JsonCodec.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
