package dev.ppl.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.ppl.contracts.Events;
import dev.ppl.contracts.Ids;
import dev.ppl.contracts.Topics;
import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.contracts.component.ComponentDescriptor;
import dev.ppl.contracts.deploy.ContainerStatus;
import dev.ppl.contracts.deploy.ContainerStatusChanged;
import dev.ppl.contracts.deploy.DeploymentStarted;
import dev.ppl.contracts.deploy.DeploymentStatusChanged;
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
        DeploymentView deployment = deployments.deployGraph(WS, new DeployRequest("bk_a", "local", lease, null),
                TestGraphs.echo());
        DeploymentView other = deployments.deployGraph(WS, new DeployRequest("bk_b", "local", otherLease, null),
                TestGraphs.echo());
        assertThat(deployment.containers()).hasSize(1);
        String container = deployment.containers().get(0).containerId();

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(
                () -> assertThat(deployments.view(WS, deployment.deploymentId()).status()).isIn("running", "stable"));
        assertThat(deployment.status()).isEqualTo("starting");
        assertThat(deployment.vertices()).extracting(v -> v.harness()).containsExactly("input", null, "output");
        DeploymentStarted started = TopicReader.first(Topics.DEPLOY_EVENTS,
                v -> Events.CODEC.decodeKnown(v).filter(DeploymentStarted.class::isInstance).map(DeploymentStarted.class::cast)
                        .filter(e -> e.deploymentId().equals(deployment.deploymentId())),
                Duration.ofSeconds(20));
        assertThat(started.leaseId()).isEqualTo(lease);
        assertThat(started.backendSeq()).isEqualTo(6);
        assertThat(DeployEvents.of(deployment.deploymentId(), ContainerStatusChanged.class, e -> e.size() >= 2))
                .extracting(ContainerStatusChanged::status)
                .containsExactly(ContainerStatus.WAITING, ContainerStatus.RUNNING);
        long pid = DeployEvents.pid(container);
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
        assertThat(DeployEvents.pidFile(container)).doesNotExist();
        assertThat(topics.exists(in)).isFalse();
        assertThat(topics.exists(out)).isFalse();
        assertThat(deployments.view(WS, other.deploymentId()).status()).isIn("starting", "running", "stable");
        assertThat(DeployEvents.alive(DeployEvents.pid(other.containers().get(0).containerId()))).isTrue();

        deployments.undeploy(WS, other.deploymentId(), "client");
    }

    @Test
    void aLeaseRolledBackUnderRetainAllIsAcknowledgedWithoutStoppingAnything() throws Exception {
        String lease = Ids.next(Ids.LEASE);
        DeploymentView deployment = deployments.deployGraph(WS, new DeployRequest("bk_r", "local", lease, null),
                TestGraphs.echo());

        produce(Topics.LEASE_EVENTS, lease, Events.CODEC.encodeBytes(new LeaseRolledBack(lease, WS, "client",
                CleanupPolicy.RETAIN_ALL, Instant.now())));
        LeaseResourcesReleased ack = TopicReader.leaseAcknowledgement(Topics.DEPLOY_EVENTS, lease);

        assertThat(ack.owner()).isEqualTo("deploy");
        assertThat(ack.released()).isEmpty();
        assertThat(deployments.view(WS, deployment.deploymentId()).status()).isIn("starting", "running", "stable");
        deployments.undeploy(WS, deployment.deploymentId(), "client");
    }

    @Test
    void aDeploymentIsReadListedAndDeletedOverHttpWithinItsWorkspaceOnly() throws Exception {
        String lease = Ids.next(Ids.LEASE);
        DeploymentView deployment = deployments.deployGraph(WS, new DeployRequest("bk_h", "local", lease, null),
                TestGraphs.echo());
        String id = deployment.deploymentId();
        long pid = DeployEvents.pid(deployment.containers().get(0).containerId());

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
    void aProcessThatKeepsExitingIsRestartedWithBackOffUntilItsBudgetIsSpentThenFailsTheDeployment() throws Exception {
        DeploymentView deployment = deployments.deployGraph(WS, new DeployRequest("bk_c", "local", null, null),
                TestGraphs.script("exit 3"));
        String id = deployment.deploymentId();
        String container = deployment.containers().get(0).containerId();

        // The test profile allows 3 restarts with a back-off of 50 ms doubling up to 200 ms.
        String failure = "container " + container + " (vertex 2) crashed 4 times; last exit code 3";
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            DeploymentView now = deployments.view(WS, id);
            assertThat(now.status()).isEqualTo("failed");
            assertThat(now.message()).isEqualTo(failure);
            assertThat(now.containers().get(0).exitCode()).isEqualTo(3);
            assertThat(now.containers().get(0).restarts()).isEqualTo(3);
        });
        List<DeploymentStatusChanged> statuses = DeployEvents.of(id, DeploymentStatusChanged.class,
                e -> !e.isEmpty() && e.get(e.size() - 1).status().equals("failed"));
        assertThat(statuses).extracting(DeploymentStatusChanged::status).containsExactly("starting", "running", "starting",
                "running", "starting", "running", "starting", "running", "failed");
        assertThat(statuses.get(2).message())
                .isEqualTo("container " + container + " (vertex 2) exited with code 3; restart 1 of 3");
        assertThat(statuses.get(8).message()).isEqualTo(failure);
        assertThat(statuses.get(8).exitCode()).isEqualTo(3);
        List<ContainerStatusChanged> events = DeployEvents.of(id, ContainerStatusChanged.class, e -> e.size() >= 12);
        assertThat(events).extracting(e -> e.status().wire() + " " + e.restarts() + " " + e.exitCode() + " " + e.message())
                .containsExactly("waiting 0 null null", "running 0 null null",
                        "terminated 0 3 exited with code 3", "waiting 0 null restarting in 50ms (back-off after exit code 3)",
                        "running 1 null null",
                        "terminated 1 3 exited with code 3", "waiting 1 null restarting in 100ms (back-off after exit code 3)",
                        "running 2 null null",
                        "terminated 2 3 exited with code 3", "waiting 2 null restarting in 200ms (back-off after exit code 3)",
                        "running 3 null null",
                        "terminated 3 3 exited with code 3");

        // A failed deployment is not restarted any more, but stays until it is undeployed.
        Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> deployments.view(WS, id).containers().get(0).restarts() == 3);
        assertThat(DeployEvents.pidFile(container)).doesNotExist();
        assertThat(deployments.list(WS, "bk_c", null)).extracting(DeploymentView::deploymentId).contains(id);
        deployments.undeploy(WS, id, "client");
        assertThat(deployments.view(WS, id).status()).isEqualTo("stopped");
    }

    @Test
    void theCrashyExampleFailsTheDeploymentAfterItsBudgetWithExitCode3AndItsOutputIsInItsLog() throws Exception {
        Path crashy = Path.of("../examples/crashy").toAbsolutePath().normalize();
        ComponentDescriptor descriptor = JsonCodec.newYamlMapper().readValue(crashy.resolve("component.yml").toFile(),
                ComponentDescriptor.class);
        DeploymentView deployment = deployments.deployGraph(WS, new DeployRequest("bk_crashy", "local", null, null),
                TestGraphs.local(descriptor.local().command(), crashy.toString()));
        String container = deployment.containers().get(0).containerId();

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            DeploymentView now = deployments.view(WS, deployment.deploymentId());
            assertThat(now.status()).isEqualTo("failed");
            assertThat(now.message())
                    .isEqualTo("container " + container + " (vertex 2) crashed 4 times; last exit code 3");
            assertThat(now.containers().get(0).exitCode()).isEqualTo(3);
        });
        assertThat(Path.of("target/ppl-data/logs", container + ".log")).content().contains("crashy: starting",
                "crashy: giving up");
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
        try (var consumer = DeployEvents.consumer()) {
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
}
