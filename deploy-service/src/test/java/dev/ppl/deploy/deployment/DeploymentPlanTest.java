package dev.ppl.deploy.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.net.URI;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ppl.contracts.Topics;
import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.deploy.runtime.Workload;

/** What a graph turns into: one topic per edge, routes for every vertex, a workload per non-harness vertex. */
class DeploymentPlanTest {
    private static final DeploymentPlan.FileLocator NO_FILES = fileId -> {
        throw new AssertionError("the graph binds no file, yet " + fileId + " was located");
    };

    @Test
    void aGraphBecomesOneTopicPerEdgeAndOneWorkloadPerComponentWithItsEnvironmentContract() throws Exception {
        DeploymentPlan plan = DeploymentPlan.of("dp_1", graph(), "127.0.0.1:9092", "ls_1", NO_FILES);

        String in = Topics.edgeTopic("dp_1", "1", 0, "2", 0);
        String out = Topics.edgeTopic("dp_1", "2", 0, "3", 0);
        String tap = Topics.edgeTopic("dp_1", "2", 0, "4", 0);
        assertThat(plan.backendSeq()).isEqualTo(7);
        assertThat(plan.topics()).containsExactly(in, out, tap);
        assertThat(plan.routes()).extracting(VertexRoute::vertexId, VertexRoute::harness).containsExactly(
                tuple("1", "input"), tuple("2", null),
                tuple("3", "output"), tuple("4", "output"));
        assertThat(plan.routes().get(0).outputs()).singleElement()
                .satisfies(o -> assertThat(o.topics()).containsExactly(in));
        assertThat(plan.routes().get(2).inputs()).singleElement().satisfies(i -> {
            assertThat(i.topic()).isEqualTo(out);
            assertThat(i.type()).isEqualTo("t");
        });

        assertThat(plan.workloads()).singleElement().satisfies(w -> {
            assertThat(w.vertexId()).isEqualTo("2");
            assertThat(w.containerId()).startsWith("ct_");
            assertThat(w.environment()).containsEntry("PPL_KAFKA_BOOTSTRAP", "127.0.0.1:9092")
                    .containsEntry("PPL_DEPLOYMENT_ID", "dp_1").containsEntry("PPL_VERTEX_ID", "2")
                    .containsEntry("PPL_CONTAINER_ID", w.containerId()).containsEntry("PPL_LEASE_ID", "ls_1")
                    .containsEntry("PPL_CONSUMER_GROUP", "ppl.dp_1.2").containsEntry("PPL_INPUT_0_TOPIC", in)
                    .containsEntry("PPL_INPUT_0_TYPE", "String").containsEntry("PPL_OUTPUT_0_TOPICS", out + "," + tap)
                    .containsEntry("PPL_OUTPUT_0_TYPE", "String");
            assertThat(params(w)).isEqualTo(
                    JsonCodec.mapper().readTree("{\"suffix\": \"\\\"!\\\"\", \"times\": \"2\"}"));
        });
    }

    @Test
    void aParameterTheGraphDoesNotSetTakesTheDescriptorsDefault() throws Exception {
        JsonNode graph = graph();
        ((ObjectNode) graph.path("vertices").get(1)).putObject("params");

        Workload workload = DeploymentPlan.of("dp_2", graph, "127.0.0.1:9092", null, NO_FILES).workloads().get(0);

        assertThat(params(workload)).isEqualTo(JsonCodec.mapper().readTree("{\"suffix\": \"\\\"\\\"\", \"times\": \"1\"}"));
        assertThat(workload.environment()).containsEntry("PPL_LEASE_ID", "");
    }

    @Test
    void aBoundFileIsLocatedForItsWorkloadAndAClearedSlotIsLeftOut() throws Exception {
        JsonNode graph = graph();
        ObjectNode files = ((ObjectNode) graph.path("vertices").get(1)).putObject("files");
        files.putObject("weights").put("file_id", "fl_w").put("file_type", "onnx");
        files.putObject("labels").put("file_id", "").put("file_type", "text/plain");

        Workload workload = DeploymentPlan.of("dp_3", graph, "127.0.0.1:9092", null,
                fileId -> URI.create("https://gateway/files/" + fileId + "/content")).workloads().get(0);

        assertThat(workload.files()).containsOnlyKeys("weights");
        assertThat(workload.files().get("weights"))
                .isEqualTo(new Workload.BoundFile("fl_w", URI.create("https://gateway/files/fl_w/content")));
    }

    private static JsonNode params(Workload workload) throws Exception {
        return JsonCodec.mapper().readTree(workload.environment().get("PPL_PARAMS"));
    }

    private static JsonNode graph() throws Exception {
        return JsonCodec.mapper().readTree("""
                {"backend_id": "bk", "seq": 7, "vertices": [
                  {"vertex_id": "1", "harness": "input", "descriptor": {"name": "Input JSON HTTP", "version": "1",
                    "outputs": [{"name": "out", "type": "t"}], "harness": "input"}, "params": {}},
                  {"vertex_id": "2", "descriptor": {"name": "uppercase", "version": "0.1.0",
                    "inputs": [{"name": "text", "type": "String"}], "outputs": [{"name": "upper", "type": "String"}],
                    "config_schema": {"suffix": {"type": "String", "default": "\\"\\""},
                                      "times": {"type": "Int", "default": "1"},
                                      "note": {"type": "String"}},
                    "local": {"command": ["java", "-jar", "target/uppercase.jar"], "workdir": "/tmp"}},
                   "params": {"suffix": {"value_type": "String", "value": "\\"!\\""},
                              "times": {"value_type": "Int", "value": "2"}}},
                  {"vertex_id": "3", "harness": "output", "descriptor": {"name": "Output JSON HTTP", "version": "1",
                    "inputs": [{"name": "in", "type": "t"}], "harness": "output"}, "params": {}},
                  {"vertex_id": "4", "harness": "output", "descriptor": {"name": "Output JSON HTTP", "version": "1",
                    "inputs": [{"name": "in", "type": "t"}], "harness": "output"}, "params": {}}],
                 "edges": [{"from_vertex": "1", "from_output": 0, "to_vertex": "2", "to_input": 0},
                           {"from_vertex": "2", "from_output": 0, "to_vertex": "3", "to_input": 0},
                           {"from_vertex": "2", "from_output": 0, "to_vertex": "4", "to_input": 0}]}
                """);
    }
}
