package dev.ppl.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import dev.ppl.contracts.backend.AddVertex;
import dev.ppl.contracts.backend.BackendCreated;
import dev.ppl.contracts.backend.BackendDeleted;
import dev.ppl.contracts.backend.ChangeParameter;
import dev.ppl.contracts.backend.Connect;
import dev.ppl.contracts.backend.DeleteVertex;
import dev.ppl.contracts.backend.Disconnect;
import dev.ppl.contracts.backend.EdgeConnected;
import dev.ppl.contracts.backend.ParameterChanged;
import dev.ppl.contracts.backend.VertexAdded;
import dev.ppl.contracts.catalog.ComponentVersionDeleted;
import dev.ppl.contracts.catalog.ComponentVersionPublished;
import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.contracts.codec.Message;
import dev.ppl.contracts.deploy.ContainerStatus;
import dev.ppl.contracts.deploy.ContainerStatusChanged;
import dev.ppl.contracts.deploy.DeploymentStarted;
import dev.ppl.contracts.deploy.DeploymentStopped;
import dev.ppl.contracts.files.FileDeleted;
import dev.ppl.contracts.files.FileStored;
import dev.ppl.contracts.lease.CleanupPolicy;
import dev.ppl.contracts.lease.LeaseCommitted;
import dev.ppl.contracts.lease.LeaseOpened;
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
 */
class SchemaConformanceTest {
    private static final Instant AT = Instant.parse("2026-11-23T10:15:30Z");
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    static List<Message> kafkaSamples() {
        List<dev.ppl.contracts.backend.BackendOperation> inverse = List.of(new DeleteVertex("3"));
        return List.of(
                new LeaseOpened("ls_a", "ws_a", "local", "nightly", 1800, AT, CleanupPolicy.DELETE_EPHEMERAL_RESOURCES, AT),
                new LeaseOpened("ls_b", "ws_a", "local", null, 60, AT, CleanupPolicy.RETAIN_ALL, AT),
                new LeaseRolledBack("ls_a", "ws_a", "ttl_expired", CleanupPolicy.DELETE_EPHEMERAL_RESOURCES, AT),
                new LeaseCommitted("ls_a", "ws_a", AT),
                new LeaseResourcesReleased("ls_a", "deploy", List.of(new OwnedResource("deployment", "dp_a")), AT),
                new BackendCreated("bk_a", 0, "ws_a", "live test", "ls_a", null, List.of(), "token:abc", "cli", AT),
                new VertexAdded("bk_a", 3, "3", "cv_a", "cut", inverse, "token:abc", "rest", AT),
                new EdgeConnected("bk_a", 4, "1", 0, "3", 0, List.of(new Disconnect("3", 0)), "lease-service", "lease", AT),
                new ParameterChanged("bk_a", 5, "3", "threshold", "Double", "0.7",
                        List.of(new ChangeParameter("3", "threshold", null, null)), "a", "cli", AT),
                new BackendDeleted("bk_a", 6, "lease_rolled_back", "ls_a",
                        List.of(new AddVertex("cv_a", "cut", "3"), new Connect("1", 0, "3", 0)), "operations-service",
                        "lease", AT),
                new AddVertex("cv_a", null, null),
                new Connect("1", 0, "2", 0),
                new ChangeParameter("2", "suffix", "String", "\"!\""),
                new DeleteVertex("2"),
                new Disconnect("2", 0),
                new ComponentVersionPublished("cp_a", "cv_a", "ws_a", "uppercase", "0.1.0", true, "ls_a", AT),
                new ComponentVersionDeleted("cp_a", "cv_a", "ls_a", "lease_rolled_back", AT),
                new DeploymentStarted("dp_a", "bk_a", 6, "local", "ws_a", "ls_a", AT),
                new ContainerStatusChanged("dp_a", "ct_a", "2", "ls_a", ContainerStatus.TERMINATED, 3, 1, "exited", AT),
                new ContainerStatusChanged("dp_a", "ct_a", "2", null, ContainerStatus.RUNNING, null, 0, null, AT),
                new DeploymentStopped("dp_a", "ls_a", "lease_rolled_back", AT),
                new FileStored("fl_a", "ws_a", "hello", "application/json", 11, "ls_a", AT),
                new FileDeleted("fl_a", "ls_a", "lease_rolled_back", AT));
    }

    static List<Message> liveTestSamples() {
        LiveTestManifest manifest = new LiveTestManifest(new LiveTestManifest.Release(true), null,
                List.of(new LiveTestManifest.Fixture("hello", null, null, "fl_a")),
                new Graph(Map.of("in", new VertexSpec("Input JSON HTTP", null), "cut",
                        new VertexSpec(null, Map.of("suffix", new VertexSpec.ParamSpec("String", "\"!\"")))),
                        List.of(new EdgeSpec("in", 0, "cut", 0))),
                null, List.of(new LiveTestManifest.TestCase("shouts", "hello", "in", "cut", TextNode.valueOf("HI"))));
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
        assertConformsAndRoundTrips(Events.CODEC, message, "schemas/" + JsonCodec.wireType(message.getClass()) + ".json");
    }

    @ParameterizedTest
    @MethodSource("liveTestMessages")
    void liveTestMessageConformsToItsSchemaAndRoundTrips(Message message) {
        assertConformsAndRoundTrips(LiveTestEvent.codec(), message,
                "schemas/live-test/" + JsonCodec.wireType(message.getClass()) + ".json");
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
    void aSchemaRefusesAMessageMissingARequiredField() {
        JsonNode tree = Events.CODEC.toTree(new FileDeleted("fl_a", null, "client", AT));
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree).remove("reason");
        assertThat(schema("schemas/files.deleted.v1.json").validate(tree)).isNotEmpty();
    }

    private static void assertConformsAndRoundTrips(JsonCodec codec, Message message, String schemaPath) {
        JsonNode tree = codec.toTree(message);
        Set<ValidationMessage> errors = schema(schemaPath).validate(tree);
        assertThat(errors).as(tree.toString()).isEmpty();
        assertThat(codec.decode(codec.encode(message))).isEqualTo(message);
    }

    private static JsonSchema schema(String path) {
        InputStream in = resource(path);
        assertThat(in).as("schema " + path).isNotNull();
        return FACTORY.getSchema(in);
    }

    private static InputStream resource(String path) {
        return SchemaConformanceTest.class.getClassLoader().getResourceAsStream(path);
    }
}
