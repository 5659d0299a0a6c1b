package dev.ppl.cli.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.cli.ExitCodes;
import dev.ppl.contracts.codec.JsonCodec;

/**
 * {@code ppl backend}: what each verb sends to the gateway (against {@link FakeGateway}), what it prints, and
 * its refusals: usage errors and bad patch files are exit 2 with nothing sent, API refusals exit 3.
 */
class BackendCommandTest {
    @TempDir
    Path home;
    FakeGateway gateway;

    @BeforeEach
    void configure() throws Exception {
        gateway = new FakeGateway();
        gateway.configure(home);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private FakeGateway.Run ppl(String... args) {
        return FakeGateway.ppl(home, args);
    }

    private static JsonNode json(String text) throws Exception {
        return JsonCodec.mapper().readTree(text);
    }

    @Test
    void createPrintsTheDataEnvelopeSoJqCanPickTheBackendId() throws Exception {
        gateway.answer(201, "{\"data\": {\"backend_id\": \"bk_1\", \"name\": \"live\", \"seq\": 0}}");

        FakeGateway.Run r = ppl("backend", "create", "--name", "live", "--source", "bk_0", "--lease", "ls_1");

        assertThat(r.code()).isZero();
        assertThat(r.json().path("data").path("backend_id").asText()).isEqualTo("bk_1");
        assertThat(r.out()).hasLineCount(1);
        FakeGateway.Request sent = gateway.last();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.pathAndQuery()).isEqualTo("/v1/backends");
        assertThat(sent.json())
                .isEqualTo(json("{\"name\": \"live\", \"lease_id\": \"ls_1\", \"source_backend_id\": \"bk_0\"}"));
        assertThat(sent.authorization()).isEqualTo("Bearer pt_clitest");
        assertThat(sent.surface()).isEqualTo("cli");
    }

    @Test
    void aForkNeedsNoNameAndSendsNone() throws Exception {
        gateway.answer(201, "{\"data\": {\"backend_id\": \"bk_2\", \"name\": \"live\", \"seq\": 7, "
                + "\"source_backend_id\": \"bk_1\"}}");

        FakeGateway.Run r = ppl("backend", "create", "--source", "bk_1");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json().path("data").path("backend_id").asText()).isEqualTo("bk_2");
        assertThat(gateway.last().pathAndQuery()).isEqualTo("/v1/backends");
        assertThat(gateway.last().json()).isEqualTo(json("{\"source_backend_id\": \"bk_1\"}"));
    }

    @Test
    void createWithNeitherNameNorSourceIsExit2WithOneLineAndSendsNothing() {
        FakeGateway.Run r = ppl("backend", "create", "--lease", "ls_1");

        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("--name", "--source").hasLineCount(1);
        assertThat(r.out()).isEmpty();
        assertThat(gateway.requests()).isEmpty();
    }

    @Test
    void addVertexPrintsTheServerAssignedVertexId() throws Exception {
        gateway.answer(200, "{\"data\": {\"backend_id\": \"bk_1\", \"seq\": 1, \"vertex_id\": \"1\", \"event\": {}}}");

        FakeGateway.Run r = ppl("backend", "add-vertex", "bk_1", "--version", "cv_9", "--alias", "in");

        assertThat(r.code()).isZero();
        assertThat(r.json().path("data").path("vertex_id").asText()).isEqualTo("1");
        assertThat(gateway.last().json())
                .isEqualTo(json("{\"type\": \"add-vertex\", \"version_id\": \"cv_9\", \"alias\": \"in\"}"));
    }

    static Stream<Arguments> operations() {
        return Stream.of(
                Arguments.of(new String[] { "delete-vertex", "bk_1", "--vertex", "2" },
                        "{\"type\": \"delete-vertex\", \"vertex_id\": \"2\"}"),
                Arguments.of(new String[] { "connect", "bk_1", "--from-vertex", "1", "--from-output", "0", "--to-vertex", "2",
                        "--to-input", "0" },
                        "{\"type\": \"connect\", \"from_vertex\": \"1\", \"from_output\": 0, \"to_vertex\": \"2\", \"to_input\": 0}"),
                Arguments.of(new String[] { "disconnect", "bk_1", "--to-vertex", "2", "--to-input", "1" },
                        "{\"type\": \"disconnect\", \"to_vertex\": \"2\", \"to_input\": 1}"),
                Arguments.of(new String[] { "change-version", "bk_1", "--vertex", "2", "--version", "cv_2" },
                        "{\"type\": \"change-version\", \"vertex_id\": \"2\", \"version_id\": \"cv_2\"}"),
                Arguments.of(new String[] { "change-parameter", "bk_1", "--vertex", "2", "--name", "model_cfg", "--type",
                        "String", "--value", "\"fastvit_t8\"" },
                        "{\"type\": \"change-parameter\", \"vertex_id\": \"2\", \"name\": \"model_cfg\", \"value_type\": \"String\", "
                                + "\"value\": \"\\\"fastvit_t8\\\"\"}"),
                Arguments.of(new String[] { "add-file", "bk_1", "--vertex", "2", "--slot", "weights", "--file", "fl_1" },
                        "{\"type\": \"add-file\", \"vertex_id\": \"2\", \"slot\": \"weights\", \"file_id\": \"fl_1\"}"),
                Arguments.of(new String[] { "add-file", "bk_1", "--vertex", "2", "--slot", "weights", "--file", "" },
                        "{\"type\": \"add-file\", \"vertex_id\": \"2\", \"slot\": \"weights\", \"file_id\": \"\"}"),
                Arguments.of(new String[] { "add-constraint", "bk_1", "--vertex", "2", "--variable", "t", "--type", "[Int]" },
                        "{\"type\": \"add-constraint\", \"vertex_id\": \"2\", \"variable\": \"t\", \""
                                + BackendCommand.CONSTRAINT_TYPE_FIELD + "\": \"[Int]\"}"),
                Arguments.of(new String[] { "change-alias", "bk_1", "--vertex", "2", "--alias", "cut" },
                        "{\"type\": \"change-alias\", \"vertex_id\": \"2\", \"alias\": \"cut\"}"),
                Arguments.of(new String[] { "change-layout", "bk_1", "--vertex", "2", "--x", "10", "--y", "20.5", "--w", "100",
                        "--h", "40" },
                        "{\"type\": \"change-layout\", \"vertex_id\": \"2\", \"layout\": {\"x\": 10.0, \"y\": 20.5, \"w\": 100.0, "
                                + "\"h\": 40.0}}"),
                Arguments.of(new String[] { "change-metadata", "bk_1", "--vertex", "2", "--key", "owner", "--value", "team a" },
                        "{\"type\": \"change-metadata\", \"vertex_id\": \"2\", \"key\": \"owner\", \"value\": \"team a\"}"),
                Arguments.of(new String[] { "change-endpoint-alias", "bk_1", "--vertex", "3", "--endpoint", "image_out",
                        "--alias", "preview" },
                        "{\"type\": \"change-endpoint-alias\", \"vertex_id\": \"3\", \"endpoint\": \"image_out\", \"alias\": \"preview\"}"),
                Arguments.of(new String[] { "change-host-port-binding", "bk_1", "--vertex", "2", "--container-port", "8080",
                        "--host-port", "18888" },
                        "{\"type\": \"change-host-port-binding\", \"vertex_id\": \"2\", \"container_port\": 8080, \"host_port\": 18888}"),
                Arguments.of(
                        new String[] { "change-volume-mount", "bk_1", "--vertex", "2", "--volume", "models", "--mount-path",
                                "/models" },
                        "{\"type\": \"change-volume-mount\", \"vertex_id\": \"2\", \"volume\": \"models\", \"mount_path\": \"/models\"}"),
                Arguments.of(new String[] { "change-service-config", "bk_1", "--vertex", "2", "--service", "triton", "--key",
                        "model", "--value", "yolo" },
                        "{\"type\": \"change-service-config\", \"vertex_id\": \"2\", \"service\": \"triton\", \"key\": \"model\", "
                                + "\"value\": \"yolo\"}"));
    }

    @ParameterizedTest
    @MethodSource("operations")
    void eachVerbSendsOneOperationAndPrintsTheAnswer(String[] verb, String operation) throws Exception {
        gateway.answer(200, "{\"data\": {\"backend_id\": \"bk_1\", \"seq\": 4, \"event\": {}}}");
        String[] args = Stream.concat(Stream.of("backend"), Stream.of(verb)).toArray(String[]::new);

        FakeGateway.Run r = ppl(args);

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json().path("data").path("seq").asInt()).isEqualTo(4);
        assertThat(gateway.last().method()).isEqualTo("POST");
        assertThat(gateway.last().pathAndQuery()).isEqualTo("/v1/backends/bk_1/operations");
        assertThat(gateway.last().json()).isEqualTo(json(operation));
        assertThat(gateway.last().surface()).isEqualTo("cli");
    }

    @Test
    void anApiRefusalIsExit3WithOneLineNamingTheField() {
        gateway.answer(422, "{\"type\": \"about:blank\", \"title\": \"Invalid input\", \"status\": 422, "
                + "\"detail\": \"value: 1 is not a Double literal\", \"field\": \"value\", \"expected\": \"a Double literal\"}");

        FakeGateway.Run r = ppl("backend", "change-parameter", "bk_1", "--vertex", "2", "--name", "t", "--type", "Double",
                "--value",
                "1");

        assertThat(r.code()).isEqualTo(ExitCodes.API_REFUSED);
        assertThat(r.err())
                .isEqualToIgnoringNewLines("ppl: 422 Invalid input: value: 1 is not a Double literal (field: value)");
        assertThat(r.err()).hasLineCount(1);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aMissingRequiredOptionIsAUsageErrorAndSendsNothing() {
        FakeGateway.Run r = ppl("backend", "change-alias", "bk_1", "--alias", "x");

        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("--vertex");
        assertThat(gateway.requests()).isEmpty();
    }

    @Test
    void aPortThatIsNotANumberIsAUsageError() {
        FakeGateway.Run r = ppl("backend", "connect", "bk_1", "--from-vertex", "1", "--from-output", "first", "--to-vertex",
                "2",
                "--to-input", "0");

        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("--from-output");
        assertThat(gateway.requests()).isEmpty();
    }

    @Test
    void anUnknownVerbIsAUsageError() {
        assertThat(ppl("backend", "restore-vertex", "bk_1").code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(ppl("backend").code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(gateway.requests()).isEmpty();
    }

    @Test
    void getPassesAtSeq() throws Exception {
        gateway.answer(200, "{\"data\": {\"backend_id\": \"bk_1\", \"seq\": 3, \"vertices\": [], \"edges\": []}}");

        FakeGateway.Run r = ppl("backend", "get", "bk_1", "--at-seq", "3");

        assertThat(r.code()).isZero();
        assertThat(gateway.last().method()).isEqualTo("GET");
        assertThat(gateway.last().pathAndQuery()).isEqualTo("/v1/backends/bk_1?at_seq=3");
        assertThat(r.json().path("data").path("seq").asInt()).isEqualTo(3);
    }

    @Test
    void undoSendsTheCountAndRefusesZero() throws Exception {
        gateway.answer(200, "{\"data\": {\"backend_id\": \"bk_1\", \"undone\": 2, \"first_seq\": 7, \"last_seq\": 8}}");

        assertThat(ppl("backend", "undo", "bk_1", "2").code()).isZero();
        assertThat(gateway.last().pathAndQuery()).isEqualTo("/v1/backends/bk_1/undo");
        assertThat(gateway.last().json()).isEqualTo(json("{\"count\": 2}"));

        FakeGateway.Run zero = ppl("backend", "undo", "bk_1", "0");
        assertThat(zero.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(zero.err()).contains("<count>").hasLineCount(1);
        assertThat(ppl("backend", "undo", "bk_1", "many").code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(gateway.requests()).hasSize(1);
    }

    @Test
    void compactPostsAndPrintsTheAnswer() throws Exception {
        gateway.answer(200, "{\"data\": {\"backend_id\": \"bk_1\", \"seq\": 12, \"operations_before\": 12, "
                + "\"operations_after\": 4}}");

        FakeGateway.Run r = ppl("backend", "compact", "bk_1");

        assertThat(r.code()).isZero();
        assertThat(gateway.last().method()).isEqualTo("POST");
        assertThat(gateway.last().pathAndQuery()).isEqualTo("/v1/backends/bk_1/compact");
        assertThat(r.json().path("data").path("operations_after").asInt()).isEqualTo(4);
    }

    @Test
    void operationsWrapsTheListInData() throws Exception {
        gateway.answer(200, "{\"count\": 30, \"offset\": 10, \"limit\": 5, \"items\": [{\"seq\": 11}]}");

        FakeGateway.Run r = ppl("backend", "operations", "bk_1", "--offset", "10", "--limit", "5");

        assertThat(r.code()).isZero();
        assertThat(gateway.last().pathAndQuery()).isEqualTo("/v1/backends/bk_1/operations?offset=10&limit=5");
        assertThat(r.json().path("data").path("count").asInt()).isEqualTo(30);
        assertThat(r.json().path("data").path("items").path(0).path("seq").asInt()).isEqualTo(11);
    }

    @Test
    void deletePrintsWhatItDeleted() throws Exception {
        gateway.answer(204, "");

        FakeGateway.Run r = ppl("backend", "delete", "bk_1");

        assertThat(r.code()).isZero();
        assertThat(gateway.last().method()).isEqualTo("DELETE");
        assertThat(gateway.last().pathAndQuery()).isEqualTo("/v1/backends/bk_1");
        assertThat(gateway.last().surface()).isEqualTo("cli");
        assertThat(r.json()).isEqualTo(json("{\"data\": {\"backend_id\": \"bk_1\", \"deleted\": true}}"));
    }

    @Test
    void deleteOfAnUnknownBackendIsExit3() {
        gateway.answer(404, "{\"title\": \"Not found\", \"status\": 404, \"detail\": \"backend 'bk_x' does not exist in this "
                + "workspace\"}");

        FakeGateway.Run r = ppl("backend", "delete", "bk_x");

        assertThat(r.code()).isEqualTo(ExitCodes.API_REFUSED);
        assertThat(r.err()).startsWith("ppl: 404 Not found: backend 'bk_x'").hasLineCount(1);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void patchSendsAnArrayFileAsOperations() throws Exception {
        Files.writeString(home.resolve("ops.json"), "[{\"type\": \"add-vertex\", \"version_id\": \"cv_1\"}, "
                + "{\"type\": \"change-alias\", \"vertex_id\": \"1\", \"alias\": \"in\"}]");
        gateway.answer(200, "{\"data\": {\"backend_id\": \"bk_1\", \"dry_run\": false, \"applied\": 2}}");

        FakeGateway.Run r = ppl("backend", "patch", "bk_1", "--file", "ops.json");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(gateway.last().pathAndQuery()).isEqualTo("/v1/backends/bk_1/patch");
        JsonNode body = gateway.last().json();
        assertThat(body.path("operations")).hasSize(2);
        assertThat(body.path("operations").path(1).path("type").asText()).isEqualTo("change-alias");
        assertThat(body.path("dry_run").asBoolean()).isFalse();
        assertThat(r.json().path("data").path("applied").asInt()).isEqualTo(2);
    }

    @Test
    void patchKeepsTheFilesDryRunAndTheFlagTurnsItOn() throws Exception {
        Files.writeString(home.resolve("preview.json"),
                "{\"operations\": [{\"type\": \"add-vertex\", \"version_id\": \"cv_1\"}], \"dry_run\": true}");
        Files.writeString(home.resolve("ops.json"), "{\"operations\": [{\"type\": \"add-vertex\", \"version_id\": \"cv_1\"}]}");
        gateway.answer(200, "{\"data\": {\"dry_run\": true}}");

        assertThat(ppl("backend", "patch", "bk_1", "--file", "preview.json").code()).isZero();
        assertThat(gateway.last().json().path("dry_run").asBoolean()).isTrue();
        assertThat(ppl("backend", "patch", "bk_1", "--file", "ops.json", "--dry-run").code()).isZero();
        assertThat(gateway.last().json().path("dry_run").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "missing", "directory", "not-json", "wrong-shape", "not-an-operation" })
    void anUnusablePatchFileIsExit2WithOneLineNamingItAndSendsNothing(String kind) throws Exception {
        Path file = home.resolve(kind + ".json");
        switch (kind) {
            case "directory" -> Files.createDirectory(file);
            case "not-json" -> Files.writeString(file, "[{\"type\": \n\"add-vertex\",,]");
            case "wrong-shape" -> Files.writeString(file, "{\"ops\": []}");
            case "not-an-operation" -> Files.writeString(file, "[{\"type\": \"add-vertex\"}, 3]");
            default -> {
            }
        }

        FakeGateway.Run r = ppl("backend", "patch", "bk_1", "--file", file.toString());

        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains(file.toString()).hasLineCount(1);
        assertThat(r.out()).isEmpty();
        assertThat(gateway.requests()).isEmpty();
    }

    @Test
    void withoutAConfiguredGatewayAVerbExits4() throws Exception {
        Files.delete(home.resolve("config.json"));

        FakeGateway.Run r = ppl("backend", "get", "bk_1");

        assertThat(r.code()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.err()).contains("ppl local up");
    }
}
