package dev.ppl.deploy.kubernetes;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ppl.contracts.deploy.ContainerStatusChanged;
import dev.ppl.contracts.deploy.DeploymentStatusChanged;
import dev.ppl.deploy.DeployEvents;
import dev.ppl.deploy.TestGraphs;
import dev.ppl.deploy.deployment.DeployRequest;
import dev.ppl.deploy.deployment.DeploymentService;
import dev.ppl.deploy.deployment.DeploymentView;
import dev.ppl.local.testing.PlatformTestResource;
import dev.ppl.service.files.SignedFileUrls;
import dev.ppl.service.web.InvalidInputException;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A Kubernetes runtime against the fabric8 API server in CRUD mode: the deploy-service creates the objects,
 * the test plays scheduler and kubelet on the pods, and the deployment's container events and status
 * follow what the pods say. The test profile allows 3 restarts and settles after 1 s.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KubernetesApiServerResource.class, restrictToAnnotatedClass = true)
class KubernetesRuntimeTest {
    private static final String WS = "ws_kubetest";
    private static final String NS = KubernetesApiServerResource.NAMESPACE;

    @KubernetesApiServerResource.ApiServer
    KubernetesMockServer server;
    @Inject
    DeploymentService deployments;

    private KubernetesClient client;
    private Kubelet kubelet;

    @BeforeEach
    void connect() {
        client = server.createClient();
        kubelet = new Kubelet(client, NS);
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void theRuntimeIsListedBesideLocal() {
        given().get("/internal/runtimes").then().statusCode(200)
                .body("id", hasItems("local", KubernetesApiServerResource.RUNTIME))
                .body("find { it.id == 'kube' }.kind", equalTo("kubernetes"));
    }

    @Test
    void aPodThatComesUpTakesTheDeploymentThroughRunningToStableAndUndeployLeavesNoObjectBehind() {
        DeploymentView d = deploy("bk_k8s_ok");
        String id = d.deploymentId();
        Deployment deployment = kubelet.deploymentsOf(id, 1).get(0);

        var root = client.configMaps().inNamespace(NS).withName(KubernetesNames.objectName(id)).get();
        assertThat(root).isNotNull();
        assertThat(deployment.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(root.getMetadata().getUid()));
        var component = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(component.getImage()).isEqualTo("registry/imaged:1");
        assertThat(component.getEnv()).extracting(EnvVar::getName, EnvVar::getValue)
                .contains(tuple("PPL_KAFKA_BOOTSTRAP", "kafka.ppl-test.svc:9092"));
        assertThat(component.getResources().getRequests()).containsEntry("cpu", new Quantity("250m"));
        assertThat(component.getResources().getLimits()).containsEntry("memory", new Quantity("512Mi"));
        assertThat(deployments.view(WS, id).status()).isEqualTo("starting");

        Pod pod = kubelet.createPod(deployment);
        kubelet.pending(pod);
        kubelet.creatingContainer(pod);
        awaitContainerMessage(id, "ContainerCreating");
        assertThat(deployments.view(WS, id).status()).isEqualTo("starting");
        kubelet.running(pod, 0);
        awaitStatus(id, "stable");

        assertThat(containerEvents(id, 3)).containsSubsequence("waiting 0 null Pending", "waiting 0 null ContainerCreating",
                "running 0 null null");
        deployments.undeploy(WS, id, "client");

        assertThat(statuses(id, 4)).containsExactly("starting", "running", "stable", "stopped");
        assertNothingLeftOf(id);
    }

    @Test
    void aContainerInACrashLoopFailsTheDeploymentPastTheRestartBudgetWithItsLastExitCodeAndReason() {
        DeploymentView d = deploy("bk_k8s_crash");
        String id = d.deploymentId();
        String container = d.containers().get(0).containerId();
        Pod pod = kubelet.createPod(kubelet.deploymentsOf(id, 1).get(0));
        kubelet.running(pod, 0);
        awaitStatus(id, "running");

        for (int restarts = 1; restarts <= 4; restarts++) {
            kubelet.crashLoopBackOff(pod, restarts, 137, "OOMKilled");
            if (restarts < 4) {
                int seen = restarts;
                Awaitility.await().atMost(Duration.ofSeconds(10))
                        .until(() -> deployments.view(WS, id).containers().get(0).restarts() == seen);
                kubelet.running(pod, restarts);
            }
        }

        awaitStatus(id, "failed");
        DeploymentView failed = deployments.view(WS, id);
        assertThat(failed.message()).isEqualTo("container " + container + " (vertex 2) crashed 4 times; last exit code 137 "
                + "(OOMKilled)");
        assertThat(containerEvents(id, 6)).contains("terminated 0 137 exited with code 137 (OOMKilled)",
                "waiting 1 null CrashLoopBackOff: back-off 10s restarting failed container=component pod="
                        + pod.getMetadata().getName(),
                "running 1 null null", "terminated 3 137 exited with code 137 (OOMKilled)");
        assertThat(statuses(id, 3)).last().isEqualTo("failed");
        assertThat(client.apps().deployments().inNamespace(NS).withLabel(KubernetesDeploymentModel.LABEL_DEPLOYMENT,
                KubernetesNames.labelValue(id)).list().getItems()).as("a failed deployment's containers are stopped")
                .isEmpty();

        deployments.undeploy(WS, id, "client");
        assertNothingLeftOf(id);
    }

    @Test
    void aPodNoNodeCanTakeFailsTheDeploymentSayingNoNodesAreAvailable() {
        DeploymentView d = deploy("bk_k8s_unsched");
        String id = d.deploymentId();
        String container = d.containers().get(0).containerId();
        Pod pod = kubelet.createPod(kubelet.deploymentsOf(id, 1).get(0));

        kubelet.unschedulable(pod, "0/3 nodes are available: 3 Insufficient cpu.");

        awaitStatus(id, "failed");
        assertThat(deployments.view(WS, id).message()).isEqualTo("container " + container + " (vertex 2) cannot start: no "
                + "nodes available to schedule its pod: 0/3 nodes are available: 3 Insufficient cpu.");
        DeploymentStatusChanged event = DeployEvents.of(id, DeploymentStatusChanged.class, e -> e.size() >= 2).get(1);
        assertThat(event.status()).isEqualTo("failed");
        assertThat(event.message()).contains("no nodes available");
        deployments.undeploy(WS, id, "client");
        assertNothingLeftOf(id);
    }

    @Test
    void containerLogsAreTheComponentContainersLogFromTheApiServer() {
        DeploymentView d = deploy("bk_k8s_logs");
        String container = d.containers().get(0).containerId();
        Pod pod = kubelet.createPod(kubelet.deploymentsOf(d.deploymentId(), 1).get(0));
        kubelet.running(pod, 0);
        String path = "/api/v1/namespaces/" + NS + "/pods/" + pod.getMetadata().getName() + "/log?pretty=false&container="
                + KubernetesDeploymentModel.COMPONENT_CONTAINER;
        server.expect().get().withPath(path).andReturn(200, "one\ntwo\nthree\n").always();
        server.expect().get().withPath(path + "&tailLines=1").andReturn(200, "three\n").always();
        String logs = "/internal/containers/" + container + "/logs";

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().header("X-Ppl-Workspace", WS)
                .get(logs).then().statusCode(200).body(equalTo("one\ntwo\nthree\n")));
        given().header("X-Ppl-Workspace", WS).queryParam("tail", 1).get(logs).then().statusCode(200).body(equalTo("three\n"));
        deployments.undeploy(WS, d.deploymentId(), "client");
    }

    @Test
    void boundFilesAreFetchedByTheInitContainerFromSignedGatewayUrlsAndTheComponentGetsTheResourcesItAsksFor() {
        DeploymentView d = deployments.deployGraph(WS,
                new DeployRequest("bk_k8s_files", KubernetesApiServerResource.RUNTIME, null, null),
                TestGraphs.resources(TestGraphs.bind(TestGraphs.imageOnly(), "weights", "fl_weights"),
                        "{\"cpu\": \"500m\", \"memory_limit\": \"1Gi\", \"gpus\": 1}"));
        var pod = kubelet.deploymentsOf(d.deploymentId(), 1).get(0).getSpec().getTemplate().getSpec();

        var fetcher = pod.getInitContainers().get(0);
        assertThat(fetcher.getName()).isEqualTo(KubernetesDeploymentModel.FETCH_CONTAINER);
        int output = fetcher.getArgs().indexOf("--output");
        assertThat(fetcher.getArgs().get(output + 1)).isEqualTo(KubernetesDeploymentModel.FILES_DIR + "/weights");
        URI url = URI.create(fetcher.getArgs().get(output + 2));
        assertThat(url.toString()).startsWith(KubernetesApiServerResource.GATEWAY_URL + "/files/fl_weights/content?");
        Map<String, String> query = Arrays.stream(url.getQuery().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> p[1]));
        assertThat(new SignedFileUrls("deploy-test-file-signing-key").valid(WS, "fl_weights",
                Long.parseLong(query.get("expires")), query.get("signature"), Instant.now())).isTrue();

        var resources = pod.getContainers().get(0).getResources();
        assertThat(resources.getRequests()).containsEntry("cpu", new Quantity("500m"));
        assertThat(resources.getLimits()).containsEntry("memory", new Quantity("1Gi"))
                .containsEntry(ContainerResources.GPU_RESOURCE, new Quantity("1"));
        deployments.undeploy(WS, d.deploymentId(), "client");
        assertNothingLeftOf(d.deploymentId());
    }

    @Test
    void resourcesAKubernetesRuntimeCannotGrantAreRefusedNamingTheVertexAndCreateNothing() {
        assertThatThrownBy(() -> deployments.deployGraph(WS,
                new DeployRequest("bk_k8s_toomuch", KubernetesApiServerResource.RUNTIME, null, null),
                TestGraphs.resources(TestGraphs.imageOnly(), "{\"cpu\": \"2\", \"cpu_limit\": \"1\"}")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getMessage())
                        .contains("vertex 2 (echo): resources.cpu_request: at most the cpu limit 1, got 2"));
        assertThat(deployments.list(WS, "bk_k8s_toomuch", null)).isEmpty();
    }

    @Test
    void theJanitorDeletesTheDeploymentAndPodOfAContainerWhoseDeploymentItDoesNotKnow() {
        Deployment orphan = new DeploymentBuilder().withNewMetadata().withName("ppl-dp-gone-2").withNamespace(NS)
                .addToLabels(KubernetesDeploymentModel.LABEL_MANAGED_BY, KubernetesDeploymentModel.MANAGED_BY)
                .addToLabels(KubernetesDeploymentModel.LABEL_DEPLOYMENT, "dp_gone")
                .addToLabels(KubernetesDeploymentModel.LABEL_VERTEX, "2")
                .addToAnnotations(KubernetesDeploymentModel.ANNOTATION_CONTAINER_ID, "ct_gone").endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels(KubernetesDeploymentModel.LABEL_DEPLOYMENT,
                        "dp_gone")
                .endSelector().withNewTemplate().withNewMetadata()
                .addToLabels(KubernetesDeploymentModel.LABEL_MANAGED_BY, KubernetesDeploymentModel.MANAGED_BY)
                .addToLabels(KubernetesDeploymentModel.LABEL_DEPLOYMENT, "dp_gone")
                .addToAnnotations(KubernetesDeploymentModel.ANNOTATION_CONTAINER_ID, "ct_gone").endMetadata()
                .withNewSpec().addNewContainer().withName(KubernetesDeploymentModel.COMPONENT_CONTAINER)
                .withImage("left/over:1")
                .endContainer().endSpec().endTemplate().endSpec().build();
        kubelet.createPod(client.resource(orphan).create());

        assertNothingLeftOf("dp_gone");
    }

    @Test
    void aComponentWithoutAnImageIsRefusedNamingTheBackendAndCreatesNothing() {
        assertThatThrownBy(() -> deployments.deployGraph(WS,
                new DeployRequest("bk_k8s_noimage", KubernetesApiServerResource.RUNTIME, null, null),
                TestGraphs.script("exec sleep 300")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getMessage())
                        .contains("the component has no image, and a Kubernetes runtime runs images"));

        assertThat(deployments.list(WS, "bk_k8s_noimage", null)).isEmpty();
        assertThat(client.apps().deployments().inNamespace(NS).list().getItems())
                .noneMatch(x -> x.getMetadata().getName().contains("noimage"));
    }

    private DeploymentView deploy(String backendId) {
        return deployments.deployGraph(WS, new DeployRequest(backendId, KubernetesApiServerResource.RUNTIME, null, null),
                TestGraphs.imageOnly());
    }

    private void assertNothingLeftOf(String deploymentId) {
        String label = KubernetesNames.labelValue(deploymentId);
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(client.apps().deployments().inNamespace(NS).withLabel(KubernetesDeploymentModel.LABEL_DEPLOYMENT, label)
                    .list().getItems()).isEmpty();
            assertThat(client.pods().inNamespace(NS).withLabel(KubernetesDeploymentModel.LABEL_DEPLOYMENT, label).list()
                    .getItems()).isEmpty();
            assertThat(client.configMaps().inNamespace(NS).withLabel(KubernetesDeploymentModel.LABEL_DEPLOYMENT, label).list()
                    .getItems()).isEmpty();
        });
    }

    private void awaitStatus(String id, String status) {
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(deployments.view(WS, id).status()).isEqualTo(status));
    }

    private void awaitContainerMessage(String id, String message) {
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(deployments.view(WS, id).containers().get(0).message()).isEqualTo(message));
    }

    /** {@code status restarts exitCode message} of each container event of the deployment. */
    private static List<String> containerEvents(String id, int atLeast) {
        return DeployEvents.of(id, ContainerStatusChanged.class, e -> e.size() >= atLeast).stream()
                .map(e -> e.status().wire() + " " + e.restarts() + " " + e.exitCode() + " " + e.message()).toList();
    }

    private static List<String> statuses(String id, int atLeast) {
        return DeployEvents.of(id, DeploymentStatusChanged.class, e -> e.size() >= atLeast).stream()
                .map(DeploymentStatusChanged::status).toList();
    }
}
