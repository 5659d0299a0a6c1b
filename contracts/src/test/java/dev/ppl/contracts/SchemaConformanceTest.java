package dev.ppl.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import dev.ppl.contracts.backend.AddConstraint;
import dev.ppl.contracts.backend.AddFile;
import dev.ppl.contracts.backend.AddVertex;
import dev.ppl.contracts.backend.BackendCreated;
import dev.ppl.contracts.backend.BackendDeleted;
import dev.ppl.contracts.backend.BackendEvent;
import dev.ppl.contracts.backend.BackendOperation;
import dev.ppl.contracts.backend.ChangeAlias;
import dev.ppl.contracts.backend.ChangeEndpointAlias;
import dev.ppl.contracts.backend.ChangeHostPortBinding;
import dev.ppl.contracts.backend.ChangeLayout;
import dev.ppl.contracts.backend.ChangeMetadata;
import dev.ppl.contracts.backend.ChangeParameter;
import dev.ppl.contracts.backend.ChangeServiceConfig;
import dev.ppl.contracts.backend.ChangeVersion;
import dev.ppl.contracts.backend.ChangeVolumeMount;
import dev.ppl.contracts.backend.Connect;
import dev.ppl.contracts.backend.DeleteVertex;
import dev.ppl.contracts.backend.Disconnect;
import dev.ppl.contracts.backend.EdgeConnected;
import dev.ppl.contracts.backend.Layout;
import dev.ppl.contracts.backend.LogCompacted;
import dev.ppl.contracts.backend.OperationRecorded;
import dev.ppl.contracts.backend.ParameterChanged;
import dev.ppl.contracts.backend.RestoreVertex;
import dev.ppl.contracts.backend.VertexAdded;
import dev.ppl.contracts.backend.VertexSnapshot;
import dev.ppl.contracts.backend.command.ApplyOperations;
import dev.ppl.contracts.backend.command.BackendCommandAnswered;
import dev.ppl.contracts.backend.command.CompactLog;
import dev.ppl.contracts.backend.command.CreateBackend;
import dev.ppl.contracts.backend.command.DeleteBackend;
import dev.ppl.contracts.backend.command.UndoOperations;
import dev.ppl.contracts.catalog.ComponentVersionDeleted;
import dev.ppl.contracts.catalog.ComponentVersionPublished;
import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.contracts.codec.Message;
import dev.ppl.contracts.codec.MessageDecodingException;
import dev.ppl.contracts.codec.WireType;
import dev.ppl.contracts.deploy.ContainerStatus;
import dev.ppl.contracts.deploy.ContainerStatusChanged;
import dev.ppl.contracts.deploy.DeploymentStarted;
import dev.ppl.contracts.deploy.DeploymentStatusChanged;
import dev.ppl.contracts.deploy.DeploymentStopped;
import dev.ppl.contracts.files.FileDeleted;
import dev.ppl.contracts.files.FileStored;
import dev.ppl.contracts.lease.CleanupPolicy;
import dev.ppl.contracts.lease.LeaseCommitted;
import dev.ppl.contracts.lease.LeaseOpened;
import dev.ppl.contracts.lease.LeaseResourcePromoted;
import dev.ppl.contracts.lease.LeaseResourcesReleased;
import dev.ppl.contracts.lease.LeaseRolledBack;
import dev.ppl.contracts.lease.OwnedResource;
import dev.ppl.contracts.livetest.BackendCreatedEvent;
import dev.ppl.contracts.livetest.CaseFailed;
import dev.ppl.contracts.livetest.CasePassed;
import dev.ppl.contracts.livetest.ContainerEvent;
import dev.ppl.contracts.livetest.DeployStarted;
import dev.ppl.contracts.livetest.EdgeConnectedEvent;
import dev.ppl.contracts.livetest.Failed;
import dev.ppl.contracts.livetest.LeaseCreated;
import dev.ppl.contracts.livetest.LiveTestEvent;
import dev.ppl.contracts.livetest.ParamSet;
import dev.ppl.contracts.livetest.Ready;
import dev.ppl.contracts.livetest.StartLiveTest;
import dev.ppl.contracts.livetest.VertexAddedEvent;
import dev.ppl.contracts.manifest.EdgeSpec;
import dev.ppl.contracts.manifest.Graph;
import dev.ppl.contracts.manifest.LiveTestManifest;
import dev.ppl.contracts.manifest.VertexSpec;

/**
 * Every message the platform puts on the wire conforms to its published JSON Schema, and every
 * registered wire type has both a schema and a sample here, so a new record cannot ship without one.
 * The backend schemas share {@code backend.operation.json} (and {@code backend.event.json}) by
 * {@code $ref}; the factory maps their {@code $id}s to the classpath, so nothing is fetched.
 */
class SchemaConformanceTest {
    private static final Instant AT = Instant.parse("2026-11-23T10:15:30Z");
    private static final String SCHEMA_BASE = "https://ppl.dev/schemas/";
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(SCHEMA_BASE, "classpath:schemas/")));

    /** A vertex with every kind of binding, as {@code restore-vertex} and a compacted log carry it. */
    static VertexSnapshot snapshot() {
        Map<String, VertexSnapshot.Param> params = new LinkedHashMap<>();
        params.put("threshold", new VertexSnapshot.Param("Double", "0.7"));
        params.put("suffix", new VertexSnapshot.Param("String", "\"!\""));
        return new VertexSnapshot("3", "cv_a", "cut", params,
                Map.of("model", new VertexSnapshot.FileBinding("fl_a", "onnx")), Map.of("T", "Double"),
                new Layout(120.0, 40.5, 160.0, 80.0), Map.of("owner", "vision"), Map.of("http", "ingest"),
                Map.of(8080, 18080), Map.of("cache", "/var/cache/model"),
                Map.of("redis", Map.of("maxmemory", "1gb")));
    }

    /** One {@code backend.operation_recorded.v1} per verb, each with the inverse the writer records for it. */
    static List<OperationRecorded> operationRecordedSamples() {
        VertexSnapshot cut = snapshot();
        List<OperationRecorded> out = new ArrayList<>();
        long seq = 1;
        out.add(recorded(seq++, new AddVertex("cv_a", "cut", "3"), new DeleteVertex("3")));
        out.add(recorded(seq++, new DeleteVertex("3"), new RestoreVertex(cut), new Connect("1", 0, "3", 0),
                new Connect("3", 0, "4", 0)));
        out.add(recorded(seq++, new RestoreVertex(VertexSnapshot.bare("3", "cv_a", null)), new DeleteVertex("3")));
        out.add(recorded(seq++, new Connect("1", 0, "3", 0), new Disconnect("3", 0)));
        out.add(recorded(seq++, new Disconnect("3", 0), new Connect("1", 0, "3", 0)));
        out.add(recorded(seq++, new ChangeVersion("3", "cv_b"), new ChangeVersion("3", "cv_a")));
        out.add(recorded(seq++, new ChangeParameter("3", "threshold", "Double", "0.9"),
                new ChangeParameter("3", "threshold", "Double", "0.7")));
        out.add(recorded(seq++, new ChangeParameter("3", "suffix", "String", "\"?\""),
                new ChangeParameter("3", "suffix", null, null)));
        out.add(recorded(seq++, new AddFile("3", "model", "fl_b", "onnx"), new AddFile("3", "model", "fl_a", "onnx")));
        out.add(recorded(seq++, new AddFile("3", "labels", "fl_c", "text/plain"), new AddFile("3", "labels", null, null)));
        out.add(recorded(seq++, new AddConstraint("3", "t", "Double"), new AddConstraint("3", "t", null)));
        out.add(recorded(seq++, new ChangeAlias("3", "shout"), new ChangeAlias("3", "cut")));
        out.add(recorded(seq++, new ChangeLayout("3", new Layout(-20.0, 0.0, 160.0, 80.0)),
                new ChangeLayout("3", new Layout(120.0, 40.5, 160.0, 80.0))));
        out.add(recorded(seq++, new ChangeLayout("3", null), new ChangeLayout("3", new Layout(-20.0, 0.0, 160.0, 80.0))));
        out.add(recorded(seq++, new ChangeMetadata("3", "owner", "platform"), new ChangeMetadata("3", "owner", "vision")));
        out.add(recorded(seq++, new ChangeEndpointAlias("3", "http", "ingest"), new ChangeEndpointAlias("3", "http", null)));
        out.add(recorded(seq++, new ChangeHostPortBinding("3", 8080, 18080), new ChangeHostPortBinding("3", 8080, null)));
        out.add(recorded(seq++, new ChangeHostPortBinding("3", 9090, null), new ChangeHostPortBinding("3", 9090, 65535)));
        out.add(recorded(seq++, new ChangeVolumeMount("3", "cache", "/var/cache/model"),
                new ChangeVolumeMount("3", "cache", null)));
        out.add(recorded(seq++, new ChangeServiceConfig("3", "redis", "maxmemory", "2gb"),
                new ChangeServiceConfig("3", "redis", "maxmemory", "1gb")));
        out.add(recorded(seq++, new ChangeServiceConfig("3", "redis", "policy", null),
                new ChangeServiceConfig("3", "redis", "policy", "allkeys-lru")));
        return out;
    }

    private static OperationRecorded recorded(long seq, BackendOperation operation, BackendOperation... inverse) {
        return new OperationRecorded("bk_a", seq, operation, List.of(inverse), "token:abc", "rest", AT);
    }

    static LogCompacted logCompacted() {
        return new LogCompacted("bk_a", 40, 4,
                List.of(new RestoreVertex(VertexSnapshot.bare("1", "cv_h", "in")), new RestoreVertex(snapshot()),
                        new Connect("1", 0, "3", 0)),
                List.of(), "token:abc", "cli", AT);
    }

    static List<Message> backendCommandSamples() {
        OperationRecorded first = operationRecordedSamples().get(0);
        ObjectNode graph = JsonCodec.mapper().createObjectNode();
        graph.putObject("vertices").putObject("3").put("version_id", "cv_a");
        graph.putArray("edges");
        return List.of(
                new CreateBackend("rq_1", "bk_a", "ws_a", "token:abc", "rest", "live test", "ls_a", null, null),
                new CreateBackend("rq_2", "bk_b", "ws_a", "token:abc", "rest", "fork", null, "bk_a",
                        List.of(logCompacted(), first)),
                new ApplyOperations("rq_3", "bk_a", "ws_a", "token:abc", "ui",
                        List.of(new AddVertex("cv_a", "cut", null), new Connect("1", 0, "2", 0),
                                new ChangeHostPortBinding("2", 8080, 18080)),
                        false),
                new ApplyOperations("rq_4", "bk_a", "ws_a", "token:abc", "cli",
                        List.of(new ChangeVolumeMount("2", "cache", "/cache")), true),
                new UndoOperations("rq_5", "bk_a", "ws_a", "token:abc", "cli", 2),
                new CompactLog("rq_6", "bk_a", "ws_a", "token:abc", "cli"),
                new DeleteBackend("rq_7", "bk_a", "ws_a", "lease-service", "lease", "lease_rolled_back"),
                new BackendCommandAnswered("rq_2", "bk_b", 0L, 1L, List.of(), null, null),
                new BackendCommandAnswered("rq_9", "bk_b", 2L, 2L, List.of(first), null, null),
                new BackendCommandAnswered("rq_3", "bk_a", null, null, List.of(), null,
                        new BackendCommandAnswered.Problem(422, "Operation refused", "input 0 of vertex 2 is taken",
                                "operations[1].to_input", "a free input", null)),
                new BackendCommandAnswered("rq_8", "bk_a", null, null, List.of(), null,
                        new BackendCommandAnswered.Problem(404, "Backend not found", null, null, null, null)),
                new BackendCommandAnswered("rq_4", "bk_a", null, null, List.of(), graph, null));
    }

    static List<Message> kafkaSamples() {
        List<BackendOperation> inverse = List.of(new DeleteVertex("3"));
        List<Message> samples = new ArrayList<>(List.of(
                new LeaseOpened("ls_a", "ws_a", "local", "nightly", 1800, AT, CleanupPolicy.DELETE_EPHEMERAL_RESOURCES, AT),
                new LeaseOpened("ls_b", "ws_a", "local", null, 60, AT, CleanupPolicy.RETAIN_ALL, AT),
                new LeaseRolledBack("ls_a", "ws_a", "ttl_expired", CleanupPolicy.DELETE_EPHEMERAL_RESOURCES, AT),
                new LeaseCommitted("ls_a", "ws_a", AT),
                new LeaseResourcePromoted("ls_a", "ws_a", "file", "fl_a", AT),
                new LeaseResourcesReleased("ls_a", "deploy", List.of(new OwnedResource("deployment", "dp_a")), AT),
                new BackendCreated("bk_a", 0, "ws_a", "live test", "ls_a", null, List.of(), "token:abc", "cli", AT),
                new VertexAdded("bk_a", 3, "3", "cv_a", "cut", inverse, "token:abc", "rest", AT),
                new EdgeConnected("bk_a", 4, "1", 0, "3", 0, List.of(new Disconnect("3", 0)), "lease-service", "lease", AT),
                new ParameterChanged("bk_a", 5, "3", "threshold", "Double", "0.7",
                        List.of(new ChangeParameter("3", "threshold", null, null)), "a", "cli", AT),
                logCompacted(),
                new BackendDeleted("bk_a", 6, "lease_rolled_back", "ls_a",
                        List.of(new AddVertex("cv_a", "cut", "3"), new Connect("1", 0, "3", 0)), "operations-service",
                        "lease", AT),
                new AddVertex("cv_a", null, null),
                new DeleteVertex("2"),
                new RestoreVertex(snapshot()),
                new Connect("1", 0, "2", 0),
                new Disconnect("2", 0),
                new ChangeVersion("2", "cv_b"),
                new ChangeParameter("2", "suffix", "String", "\"!\""),
                new AddFile("2", "model", "fl_a", "onnx"),
                new AddFile("2", "model", "", null),
                new AddConstraint("2", "T", null),
                new ChangeAlias("2", null),
                new ChangeLayout("2", new Layout(0.0, 0.0, 0.0, 0.0)),
                new ChangeMetadata("2", "owner", null),
                new ChangeEndpointAlias("2", "ws", "results"),
                new ChangeHostPortBinding("2", 1, 65535),
                new ChangeVolumeMount("2", "cache", "/"),
                new ChangeServiceConfig("2", "redis", "maxmemory", "1gb"),
                new ComponentVersionPublished("cp_a", "cv_a", "ws_a", "uppercase", "0.1.0", true, "ls_a", AT),
                new ComponentVersionDeleted("cp_a", "cv_a", "ls_a", "lease_rolled_back", AT),
                new DeploymentStarted("dp_a", "bk_a", 6, "local", "ws_a", "ls_a", AT),
                new ContainerStatusChanged("dp_a", "ct_a", "2", "ls_a", ContainerStatus.TERMINATED, 3, 1, "exited", AT),
                new ContainerStatusChanged("dp_a", "ct_a", "2", null, ContainerStatus.RUNNING, null, 0, null, AT),
                new DeploymentStopped("dp_a", "ls_a", "lease_rolled_back", AT),
                new DeploymentStatusChanged("dp_a", "ls_a", "failed", "container ct_a (vertex 2) restarted 6 times", 3, AT),
                new DeploymentStatusChanged("dp_a", null, "stable", null, null, AT),
                new FileStored("fl_a", "ws_a", "hello", "application/json", 11, "ls_a", AT),
                new FileDeleted("fl_a", "ls_a", "lease_rolled_back", AT)));
        samples.addAll(operationRecordedSamples());
        samples.addAll(backendCommandSamples());
        return samples;
    }

    static List<Message> liveTestSamples() {
        LiveTestManifest manifest = new LiveTestManifest(new LiveTestManifest.Release(true), null,
                List.of(new LiveTestManifest.Fixture("hello", null, null, "fl_a")),
                new Graph(Map.of("in", new VertexSpec("Input JSON HTTP", null), "cut",
                        new VertexSpec(null, Map.of("suffix", new VertexSpec.ParamSpec("String", "\"!\"")))),
                        List.of(new EdgeSpec("in", 0, "cut", 0))),
                null, List.of(new LiveTestManifest.TestCase("shouts", "hello", "in", "cut", TextNode.valueOf("HI"), null),
                        new LiveTestManifest.TestCase("inverts", "hello", "in", "cut", null, "./tests/inverted.png")));
        return List.of(
                new LeaseCreated("ls_a", "local", null, AT),
                new BackendCreatedEvent("bk_a"),
                new VertexAddedEvent("in", "1", "cv_h", "Input JSON HTTP"),
                new VertexAddedEvent("cut", "2", "cv_a", null),
                new EdgeConnectedEvent("in", 0, "cut", 0),
                new ParamSet("cut", "2", "suffix", "String", "\"!\""),
                new DeployStarted("dp_a", "local"),
                new ContainerEvent("ct_a", "cut", "2", "running", 0, null, null),
                new Ready("ls_a", "bk_a", "dp_a"),
                new Failed("release", "cut_version_id 'cv_x' does not exist in this workspace", null),
                new CasePassed("shouts", "hello", TextNode.valueOf("HELLO PPL!")),
                new CaseFailed("shouts", "hello", TextNode.valueOf("HI"), TextNode.valueOf("HELLO"), null),
                new CaseFailed("shouts", "hello", TextNode.valueOf("HI"), null, "no frame within 30s"),
                new StartLiveTest(manifest, "cv_a"));
    }

    static Stream<Message> kafkaMessages() {
        return kafkaSamples().stream();
    }

    static Stream<Message> liveTestMessages() {
        return liveTestSamples().stream();
    }

    @ParameterizedTest
    @MethodSource("kafkaMessages")
    void kafkaMessageConformsToItsSchemaAndRoundTrips(Message message) {
        assertConformsAndRoundTrips(Events.CODEC, message, JsonCodec.wireType(message.getClass()) + ".json");
    }

    @ParameterizedTest
    @MethodSource("liveTestMessages")
    void liveTestMessageConformsToItsSchemaAndRoundTrips(Message message) {
        assertConformsAndRoundTrips(LiveTestEvent.codec(), message,
                "live-test/" + JsonCodec.wireType(message.getClass()) + ".json");
    }

    @Test
    void everyRegisteredWireTypeHasASchemaAndASample() {
        Set<String> sampled = Stream.concat(kafkaSamples().stream(), liveTestSamples().stream())
                .map(m -> JsonCodec.wireType(m.getClass())).collect(Collectors.toSet());
        assertThat(sampled).containsAll(Events.CODEC.types().keySet());
        assertThat(sampled).containsAll(LiveTestEvent.codec().types().keySet());
        Events.CODEC.types().keySet().forEach(t -> assertThat(resource("schemas/" + t + ".json")).as(t).isNotNull());
        LiveTestEvent.codec().types().keySet()
                .forEach(t -> assertThat(resource("schemas/live-test/" + t + ".json")).as(t).isNotNull());
    }

    @Test
    void everyOperationIsRecordedInASample() {
        Set<String> recorded = operationRecordedSamples().stream()
                .map(r -> JsonCodec.wireType(r.operation().getClass())).collect(Collectors.toSet());
        assertThat(recorded).containsExactlyInAnyOrderElementsOf(wireTypes(BackendOperation.class));
    }

    /** The shared definitions list exactly the permitted operations and events, so neither drifts from the records. */
    @Test
    void theSharedSchemasCoverExactlyThePermittedOperationsAndEvents() throws IOException {
        JsonNode operation = JsonCodec.mapper().readTree(resource("schemas/backend.operation.json"));
        List<String> verbs = new ArrayList<>();
        operation.get("oneOf").forEach(ref -> verbs.add(ref.get("$ref").asText().replace("#/$defs/", "")));
        assertThat(verbs).containsExactlyInAnyOrderElementsOf(wireTypes(BackendOperation.class));
        verbs.forEach(v -> assertThat(operation.at("/$defs/" + v + "/properties/type/const").asText()).as(v).isEqualTo(v));

        JsonNode event = JsonCodec.mapper().readTree(resource("schemas/backend.event.json"));
        List<String> events = new ArrayList<>();
        event.get("oneOf").forEach(ref -> events.add(ref.get("$ref").asText().replace(".json", "")));
        assertThat(events).containsExactlyInAnyOrderElementsOf(wireTypes(BackendEvent.class));
    }

    /** Loading every schema file resolves each of its {@code $ref}s, offline. */
    @Test
    void everySchemaLoadsWithItsReferencesResolved() throws IOException {
        List<String> names = schemaFiles();
        assertThat(names).contains("backend.operation.json", "backend.event.json", "live-test/start.json");
        for (String name : names) {
            JsonNode tree = JsonCodec.mapper().readTree(resource("schemas/" + name));
            assertThat(tree.path("$id").asText()).as(name).isEqualTo(SCHEMA_BASE + name);
            schema(name).initializeValidators();
        }
    }

    @Test
    void aSchemaRefusesAMessageMissingARequiredField() {
        JsonNode tree = Events.CODEC.toTree(new FileDeleted("fl_a", null, "client", AT));
        ((ObjectNode) tree).remove("reason");
        assertThat(schema("files.deleted.v1.json").validate(tree)).isNotEmpty();
    }

    /**
     * Wrong messages the schemas refuse. {@code recordRefuses}: the record's constructor refuses it too,
     * so the codec fails to decode it; false where the codec is more lenient (unknown fields are ignored).
     */
    static Stream<Arguments> wrongMessages() {
        String op = "{\"type\":\"backend.operation_recorded.v1\",\"backend_id\":\"bk_a\",\"seq\":3,\"operation\":%s,"
                + "\"inverse\":%s,\"actor\":\"a\",\"surface\":\"cli\",\"recorded_at\":\"2026-11-23T10:15:30Z\"}";
        return Stream.of(
                Arguments.of("change-host-port-binding.json",
                        "{\"type\":\"change-host-port-binding\",\"vertex_id\":\"3\",\"container_port\":0}", true),
                Arguments.of("change-host-port-binding.json",
                        "{\"type\":\"change-host-port-binding\",\"vertex_id\":\"3\",\"container_port\":80,\"host_port\":65536}",
                        true),
                Arguments.of("backend.operation_recorded.v1.json", String.format(op,
                        "{\"type\":\"change-host-port-binding\",\"vertex_id\":\"3\",\"container_port\":0}", "[]"), true),
                Arguments.of("change-volume-mount.json",
                        "{\"type\":\"change-volume-mount\",\"vertex_id\":\"3\",\"volume\":\"cache\",\"mount_path\":\"cache\"}",
                        true),
                Arguments.of("add-file.json",
                        "{\"type\":\"add-file\",\"vertex_id\":\"3\",\"slot\":\"model\",\"file_id\":\"fl_a\"}",
                        true),
                Arguments.of("change-parameter.json",
                        "{\"type\":\"change-parameter\",\"vertex_id\":\"3\",\"name\":\"threshold\",\"value\":\"0.7\"}", true),
                Arguments.of("change-version.json", "{\"type\":\"change-version\",\"vertex_id\":\"3\"}", true),
                Arguments.of("backend.operation_recorded.v1.json",
                        String.format(op, "{\"type\":\"delete-vertex\",\"vertex_id\":\"3\",\"cascade\":true}", "[]"), false),
                Arguments.of("backend.operation_recorded.v1.json", String.format(op,
                        "{\"type\":\"delete-vertex\",\"vertex_id\":\"3\"}",
                        "[{\"type\":\"rename-vertex\",\"vertex_id\":\"3\"}]"),
                        true),
                Arguments.of("backend.operation_recorded.v1.json", String.format(op,
                        "{\"type\":\"delete-vertex\",\"vertex_id\":\"3\"}",
                        "[{\"type\":\"restore-vertex\",\"vertex\":{\"vertex_id\":\"3\",\"version_id\":\"cv_a\",\"x\":1}}]"),
                        false),
                Arguments.of("change-layout.json",
                        "{\"type\":\"change-layout\",\"vertex_id\":\"3\",\"layout\":{\"x\":1,\"y\":2,\"w\":-1,\"h\":2}}", true),
                Arguments.of("backend.log_compacted.v1.json",
                        "{\"type\":\"backend.log_compacted.v1\",\"backend_id\":\"bk_a\",\"seq\":9,\"vertex_count\":1,"
                                + "\"operations\":[],\"inverse\":[{\"type\":\"delete-vertex\",\"vertex_id\":\"1\"}],"
                                + "\"actor\":\"a\",\"surface\":\"cli\",\"recorded_at\":\"2026-11-23T10:15:30Z\"}",
                        false),
                Arguments.of("backend.command_answered.v1.json",
                        "{\"type\":\"backend.command_answered.v1\",\"request_id\":\"rq\",\"backend_id\":\"bk_a\","
                                + "\"events\":[" + Events.CODEC.encode(logCompacted()) + "],\"problem\":{\"status\":409}}",
                        false),
                Arguments.of("backend.create.v1.json", Events.CODEC.encode(new CreateBackend("rq", "bk_b", "ws_a", "a", "cli",
                        "fork", null, "bk_a",
                        List.of(new BackendCreated("bk_a", 0, "ws_a", "n", null, null, List.of(), "a", "cli", AT)))), false),
                Arguments.of("backend.apply_operations.v1.json",
                        "{\"type\":\"backend.apply_operations.v1\",\"request_id\":\"rq\",\"backend_id\":\"bk_a\","
                                + "\"workspace_id\":\"ws_a\",\"actor\":\"a\",\"surface\":\"cli\",\"operations\":[],\"dry_run\":false}",
                        true));
    }

    @ParameterizedTest
    @MethodSource("wrongMessages")
    void aSchemaRefusesAWrongMessage(String schemaName, String json, boolean recordRefuses) throws IOException {
        JsonNode tree = JsonCodec.mapper().readTree(json);
        assertThat(schema(schemaName).validate(tree)).as(json).isNotEmpty();
        if (recordRefuses) {
            assertThatThrownBy(() -> Events.CODEC.decode(json)).as(json).isInstanceOf(MessageDecodingException.class);
        } else {
            assertThat(Events.CODEC.decode(json)).as(json).isNotNull();
        }
    }

    /** The pinned type travels as pinned_type: the type field names the message. */
    @Test
    void addConstraintKeepsItsPinnedType() {
        AddConstraint pin = new AddConstraint("3", "t", "Double");
        assertThat(Events.CODEC.decode(Events.CODEC.encode(pin))).isEqualTo(pin);
        assertConformsAndRoundTrips(Events.CODEC, pin, "add-constraint.json");
        OperationRecorded recorded = recorded(1, pin, new AddConstraint("3", "t", null));
        assertConformsAndRoundTrips(Events.CODEC, recorded, "backend.operation_recorded.v1.json");
        assertThat(Events.CODEC.decode(Events.CODEC.encode(recorded))).isEqualTo(recorded);
    }

    private static void assertConformsAndRoundTrips(JsonCodec codec, Message message, String schemaName) {
        JsonNode tree = codec.toTree(message);
        Set<ValidationMessage> errors = schema(schemaName).validate(tree);
        assertThat(errors).as(tree.toString()).isEmpty();
        assertThat(codec.decode(codec.encode(message))).isEqualTo(message);
    }

    private static List<String> wireTypes(Class<?> sealedFamily) {
        return Arrays.stream(sealedFamily.getPermittedSubclasses()).map(c -> c.getAnnotation(WireType.class).value())
                .toList();
    }

    /** Schema file names relative to {@code schemas/}, from the (exploded) classpath folder. */
    private static List<String> schemaFiles() throws IOException {
        URL url = SchemaConformanceTest.class.getClassLoader().getResource("schemas");
        assertThat(url).isNotNull();
        Path root;
        try {
            root = Paths.get(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".json")).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** A schema by its name under {@code schemas/}, loaded by its {@code $id} so relative references resolve. */
    private static JsonSchema schema(String name) {
        try (InputStream in = resource("schemas/" + name)) {
            assertThat(in).as("schema " + name).isNotNull();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return FACTORY.getSchema(SchemaLocation.of(SCHEMA_BASE + name));
    }

    private static InputStream resource(String path) {
        return SchemaConformanceTest.class.getClassLoader().getResourceAsStream(path);
    }
}
