package dev.ppl.kit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The environment contract a runtime gives a component (docs/internal-api.md): where Kafka is, which
 * topic each input reads, which topics each output writes, the pipelang types, and the parameters.
 *
 * @param outputDir where the component writes files a test collects ({@code PPL_OUTPUT_DIR}); null when the
 *        runtime gives none
 * @param filesDir where the runtime put the vertex's bound files, one per slot ({@code PPL_FILES_DIR}); null when
 *        the runtime binds none
 */
public record ComponentEnvironment(String kafkaBootstrap, String consumerGroup, String deploymentId, String vertexId,
        String containerId, List<Input> inputs, List<Output> outputs, Map<String, String> params, Path outputDir,
        Path filesDir) {

    public record Input(int index, String topic, String type) {
    }

    public record Output(int index, List<String> topics, String type) {
    }

    public ComponentEnvironment {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        params = Map.copyOf(params);
    }

    public static ComponentEnvironment from(Map<String, String> env) {
        String bootstrap = required(env, "PPL_KAFKA_BOOTSTRAP");
        List<Input> inputs = new ArrayList<>();
        for (int i = 0; env.containsKey("PPL_INPUT_" + i + "_TOPIC"); i++) {
            inputs.add(new Input(i, env.get("PPL_INPUT_" + i + "_TOPIC"), env.getOrDefault("PPL_INPUT_" + i + "_TYPE", "t")));
        }
        List<Output> outputs = new ArrayList<>();
        for (int o = 0; env.containsKey("PPL_OUTPUT_" + o + "_TOPICS"); o++) {
            List<String> topics = Arrays.stream(env.get("PPL_OUTPUT_" + o + "_TOPICS").split(","))
                    .map(String::strip).filter(t -> !t.isEmpty()).toList();
            outputs.add(new Output(o, topics, env.getOrDefault("PPL_OUTPUT_" + o + "_TYPE", "t")));
        }
        Map<String, String> params = new LinkedHashMap<>();
        String json = env.get("PPL_PARAMS");
        if (json != null && !json.isBlank()) {
            try {
                JsonNode tree = new ObjectMapper().readTree(json);
                tree.fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            } catch (IOException e) {
                throw new IllegalArgumentException("PPL_PARAMS is not a JSON object: " + e.getMessage());
            }
        }
        String vertex = env.getOrDefault("PPL_VERTEX_ID", "vertex");
        String deployment = env.getOrDefault("PPL_DEPLOYMENT_ID", "deployment");
        return new ComponentEnvironment(bootstrap,
                env.getOrDefault("PPL_CONSUMER_GROUP", "ppl." + deployment + "." + vertex), deployment, vertex,
                env.getOrDefault("PPL_CONTAINER_ID", ""), inputs, outputs, params, directory(env, "PPL_OUTPUT_DIR"),
                directory(env, "PPL_FILES_DIR"));
    }

    private static Path directory(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : Path.of(value).toAbsolutePath().normalize();
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set: a ppl runtime starts components with it");
        }
        return value;
    }
}
