package dev.ppl.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.Events;
import dev.ppl.contracts.Ids;
import dev.ppl.contracts.Topics;
import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.contracts.deploy.ContainerStatus;
import dev.ppl.contracts.deploy.ContainerStatusChanged;
import dev.ppl.contracts.deploy.DeploymentStarted;
import dev.ppl.contracts.lease.CleanupPolicy;
import dev.ppl.contracts.lease.LeaseResourcesReleased;
import dev.ppl.contracts.lease.LeaseRolledBack;
import dev.ppl.deploy.deployment.DeployRequest;
import dev.ppl.deploy.deployment.DeploymentService;
import dev.ppl.deploy.deployment.DeploymentView;
import dev.ppl.deploy.infra.DataTopics;
import dev.ppl.local.testing.PlatformTestResource;
import dev.ppl.local.testing.SharedInfrastructure;
import dev.ppl.local.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Deployments on the local runtime with real child processes, real Kafka topics and real PostgreSQL.
 * The graph is given as the operations-service would return it.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class LocalDeploymentTest {
    private static final String WS = "ws_deploytest";

    @Inject
    DeploymentService deployments;
    @Inject
    DataTopics topics;

    @Test
    void aGraphRunsItsWorkloadAsAProcessThatCarriesRecordsAndARolledBackLeaseStopsIt() throws Exception {
        String lease = Ids.next(Ids.LEASE);
        String otherLease = Ids.next(Ids.LEASE);
        DeploymentView deployment = deployments.deployGraph(WS, new DeployRequest("bk_a", "local", lease, null), graph(null));
        DeploymentView other = deployments.deployGraph(WS, new DeployRequest("bk_b", "local", otherLease, null), graph(null));
        assertThat(deployment.containers()).hasSize(1);
        String container = deployment.containers().get(0).containerId();

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(
                () -> assertThat(deployments.view(WS, deployment.deploymentId()).status()).isEqualTo("running"));
        assertThat(deployment.status()).isEqualTo("starting");
        assertThat(deployment.vertices()).extracting(v -> v.harness()).containsExactly("input", null, "output");
        DeploymentStarted started = TopicReader.first(Topics.DEPLOY_EVENTS,
                v -> Events.CODEC.decodeKnown(v).filter(DeploymentStarted.class::isInstance).map(DeploymentStarted.class::cast)
                        .filter(e -> e.deploymentId().equals(deployment.deploymentId())),
                Duration.ofSeconds(20));
        assertThat(started.leaseId()).isEqualTo(lease);
        assertThat(started.backendSeq()).isEqualTo(6);
        assertThat(containerEvents(deployment.deploymentId(), 2)).extracting(ContainerStatusChanged::status)
                .containsExactly(ContainerStatus.WAITING, ContainerStatus.RUNNING);
        long pid = pid(container);
        assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

        String in = Topics.edgeTopic(deployment.deploymentId(), "1", 0, "2", 0);
        String out = Topics.edgeTopic(deployment.deploymentId(), "2", 0, "3", 0);
        send(in, "\"ping\"");
        assertThat(firstValue(out)).isEqualTo("\"ping\"");

        produce(Topics.LEASE_EVENTS, lease, Events.CODEC.encodeBytes(new LeaseRolledBack(lease, WS, "client",
                CleanupPolicy.DELETE_EPHEMERAL_RESOURCES, Instant.now())));
        LeaseResourcesReleased ack = TopicReader.leaseAcknowledgement(Topics.DEPLOY_EVENTS, lease);
        assertThat(ack.owner()).isEqualTo("deploy");
        assertThat(ack.released()).extracting(r -> r.id()).containsExactly(deployment.deploymentId());
        assertThat(deployments.view(WS, deployment.deploymentId()).status()).isEqualTo("stopped");
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(Path.of("target/ppl-data/processes", container + ".pid")).doesNotExist();
        assertThat(topics.exists(in)).isFalse();
        assertThat(topics.exists(out)).isFalse();
        assertThat(deployments.view(WS, other.deploymentId()).status()).isEqualTo("running");
        assertThat(ProcessHandle.of(pid(other.containers().get(0).containerId()))).isPresent();

        deployments.undeploy(WS, other.deploymentId(), "client");
    }

    @Test
    void aLeaseRolledBackUnderRetainAllIsAcknowledgedWithoutStoppingAnything() throws Exception {
        String lease = Ids.next(Ids.LEASE);
        DeploymentView deployment = deployments.deployGraph(WS, new DeployRequest("bk_r", "local", lease, null), graph(null));

        produce(Topics.LEASE_EVENTS, lease, Events.CODEC.encodeBytes(new LeaseRolledBack(lease, WS, "client",
                CleanupPolicy.RETAIN_ALL, Instant.now())));
        LeaseResourcesReleased ack = TopicReader.leaseAcknowledgement(Topics.DEPLOY_EVENTS, lease);

        assertThat(ack.owner()).isEqualTo("deploy");
        assertThat(ack.released()).isEmpty();
        assertThat(deployments.view(WS, deployment.deploymentId()).status()).isIn("starting", "running");
        deployments.undeploy(WS, deployment.deploymentId(), "client");
    }

    @Test
    void aDeploymentIsReadListedAndDeletedOverHttpWithinItsWorkspaceOnly() throws Exception {
        String lease = Ids.next(Ids.LEASE);
        DeploymentView deployment = deployments.deployGraph(WS, new DeployRequest("bk_h", "local", lease, null), graph(null));
        String id = deployment.deploymentId();
        long pid = pid(deployment.containers().get(0).containerId());

        given().header("X-Ppl-Workspace", WS).get("/internal/deployments/" + id).then().statusCode(200)
                .body("deployment_id", equalTo(id)).body("backend_seq", equalTo(6)).body("lease_id", equalTo(lease))
                .body("containers[0].vertex_id", equalTo("2")).body("vertices[1].inputs[0].type", equalTo("String"));
        given().header("X-Ppl-Workspace", "ws_other").get("/internal/deployments/" + id).then().statusCode(404);
        given().header("X-Ppl-Workspace", WS).queryParam("lease_id", lease).get("/internal/deployments").then()
                .statusCode(200).body("count", equalTo(1)).body("items[0].deployment_id", equalTo(id));

        given().header("X-Ppl-Workspace", WS).delete("/internal/deployments/" + id).then().statusCode(204);

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(topics.exists(Topics.edgeTopic(id, "1", 0, "2", 0))).isFalse();
        given().header("X-Ppl-Workspace", WS).get("/internal/deployments/" + id).then().statusCode(200)
                .body("status", equalTo("stopped"));
        given().header("X-Ppl-Workspace", WS).queryParam("lease_id", lease).get("/internal/deployments").then()
                .statusCode(200).body("count", equalTo(0));
        given().header("X-Ppl-Workspace", WS).delete("/internal/deployments/" + id).then().statusCode(204);
        given().header("X-Ppl-Workspace", WS).delete("/internal/deployments/dp_missing").then().statusCode(404);
    }

    @Test
    void aProcessThatExitsFailsTheDeploymentWithItsExitCode() {
        DeploymentView deployment = deployments.deployGraph(WS, new DeployRequest("bk_c", "local", null, null), graph("3"));

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            DeploymentView now = deployments.view(WS, deployment.deploymentId());
            assertThat(now.status()).isEqualTo("failed");
            assertThat(now.message()).contains("exited with code 3");
            assertThat(now.containers().get(0).exitCode()).isEqualTo(3);
        });
        deployments.undeploy(WS, deployment.deploymentId(), "client");
    }

    @Test
    void anUnknownRuntimeIsRefusedNamingTheField() {
        given().header("X-Ppl-Workspace", WS).contentType(ContentType.JSON)
                .body("{\"backend_id\": \"bk_a\", \"runtime\": \"mars\"}").post("/internal/deployments").then()
                .statusCode(400).contentType("application/problem+json").body("field", equalTo("runtime"));
        given().header("X-Ppl-Workspace", WS).contentType(ContentType.JSON).body("{\"runtime\": \"local\"}")
                .post("/internal/deployments").then().statusCode(400)
                .body("field", equalTo("backend_id"));
        given().get("/internal/runtimes").then().statusCode(200).body("[0].id", equalTo("local"));
    }

    /** Input harness → echo component (a real JVM) → output harness, as the operations-service returns it. */
    private static JsonNode graph(String exitCode) throws RuntimeException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx64m", "-XX:TieredStopAtLevel=1",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-cp", System.getProperty("java.class.path")));
        command.add(EchoComponent.class.getName());
        String local = JsonCodec.mapper().valueToTree(Map.of("command", command)).toString();
        String echoCommand = exitCode == null ? local
                : JsonCodec.mapper().valueToTree(Map.of("command", List.of("sh", "-c", "exit " + exitCode))).toString();
        String json = """
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
                .formatted(echoCommand);
        try {
            return JsonCodec.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long pid(String container) throws Exception {
        Path pidFile = Path.of("target/ppl-data/processes", container + ".pid");
        return Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
    }

    private static void send(String topic, String value) throws Exception {
        produce(topic, null, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void produce(String topic, String key, byte[] value) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object> of("bootstrap.servers",
                SharedInfrastructure.get().kafkaBootstrap()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static String firstValue(String topic) {
        try (var consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    return new String(r.value(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("nothing arrived on " + topic);
    }

    private static List<ContainerStatusChanged> containerEvents(String deploymentId, int expected) {
        List<ContainerStatusChanged> events = new ArrayList<>();
        try (var consumer = consumer()) {
            consumer.subscribe(List.of(Topics.DEPLOY_EVENTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (events.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    Events.CODEC.decodeKnown(r.value()).filter(ContainerStatusChanged.class::isInstance)
                            .map(ContainerStatusChanged.class::cast).filter(e -> e.deploymentId().equals(deploymentId))
                            .ifPresent(events::add);
                }
            }
        }
        return events;
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.<String, Object> of("bootstrap.servers", SharedInfrastructure.get().kafkaBootstrap(),
                "group.id", Ids.next("test"), "auto.offset.reset", "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

}
