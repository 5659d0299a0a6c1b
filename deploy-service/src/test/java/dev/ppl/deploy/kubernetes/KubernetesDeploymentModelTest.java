package dev.ppl.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.ppl.contracts.Topics;
import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.deploy.deployment.DeploymentPlan;
import dev.ppl.deploy.runtime.Workload;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The objects of a three-vertex graph on a Kubernetes runtime: input harness "1" → detector "2" (asks for a
 * GPU, has a secret parameter and a bound file) → annotate "3" (runtime defaults), under a lease.
 */
class KubernetesDeploymentModelTest {
    private static final String ROOT_UID = "0b6f3c2e-5d1a-4c7e-9a40-2f1d8e6b7c35";
    private static final String DEPLOYMENT_ID = "dp_k8stest2345abcd";
    private static final String LEASE_ID = "ls_lease2345abcdef";
    private static final String BOOTSTRAP = "kafka.ppl-system.svc:9092";
    private static final String SECRET_REFERENCE = "hf-token/api-key";
    private static final URI WEIGHTS = URI.create("https://files.example/v1/files/fl_weights/content");
    private static final ContainerResources DETECTOR = new ContainerResources("2", "4", "4Gi", "8Gi", 1);
    private static final KubernetesRuntimeSettings SETTINGS = new KubernetesRuntimeSettings("ppl-tests",
            Map.of("ppl.dev/pool", "components"), new ContainerResources("250m", "1", "256Mi", "512Mi", 0),
            "IfNotPresent", "curlimages/curl:8.11.1");
    private static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

    private final DeploymentPlan plan = DeploymentPlan.of(DEPLOYMENT_ID, threeVertices("2", "3"), BOOTSTRAP, LEASE_ID,
            KubernetesDeploymentModelTest::gatewayUrl);
    private final KubernetesDeploymentModel model = model(plan, LEASE_ID, "2");

    @Test
    void everyWorkloadVertexIsADeploymentOfOneReplicaOwnedByTheRoot() {
        ConfigMap root = model.root();
        assertThat(root.getMetadata().getName()).isEqualTo("ppl-dp-k8stest2345abcd").isEqualTo(model.rootName());
        assertThat(root.getMetadata().getNamespace()).isEqualTo("ppl-tests");
        assertThat(root.getMetadata().getOwnerReferences()).isEmpty();
        assertThat(root.getMetadata().getAnnotations()).containsEntry("ppl.dev/backend-id", "bk_graph")
                .containsEntry("ppl.dev/backend-seq", "9");
        assertThat(root.getData()).containsOnlyKeys("routes.json", "params.json");

        List<Deployment> deployments = model.deployments(ROOT_UID);

        assertThat(deployments).extracting(d -> d.getMetadata().getName())
                .containsExactly("ppl-dp-k8stest2345abcd-2", "ppl-dp-k8stest2345abcd-3");
        for (Deployment deployment : deployments) {
            assertThat(deployment.getApiVersion()).isEqualTo("apps/v1");
            assertThat(deployment.getMetadata().getNamespace()).isEqualTo("ppl-tests");
            assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
            assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
            OwnerReference owner = deployment.getMetadata().getOwnerReferences().get(0);
            assertThat(deployment.getMetadata().getOwnerReferences()).hasSize(1);
            assertThat(owner.getApiVersion()).isEqualTo("v1");
            assertThat(owner.getKind()).isEqualTo("ConfigMap");
            assertThat(owner.getName()).isEqualTo(root.getMetadata().getName());
            assertThat(owner.getUid()).isEqualTo(ROOT_UID);
            assertThat(owner.getController()).isTrue();
            assertThat(owner.getBlockOwnerDeletion()).isTrue();
        }
        assertThatThrownBy(() -> model.deployments(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("root_uid");
    }

    @Test
    void theDeploymentItsSelectorAndItsPodTemplateCarryTheLabelsOfLeaseDeploymentAndVertex() {
        assertThat(model.root().getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "app.kubernetes.io/managed-by", "ppl", "ppl.dev/deployment", DEPLOYMENT_ID, "ppl.dev/lease", LEASE_ID));
        for (Deployment deployment : model.deployments(ROOT_UID)) {
            String vertex = vertexOf(deployment);
            Map<String, String> expected = Map.of("app.kubernetes.io/managed-by", "ppl", "ppl.dev/deployment",
                    DEPLOYMENT_ID, "ppl.dev/vertex", vertex, "ppl.dev/lease", LEASE_ID);
            assertThat(deployment.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(expected);
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                    .containsExactlyInAnyOrderEntriesOf(expected);
            assertThat(deployment.getSpec().getSelector().getMatchLabels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "app.kubernetes.io/managed-by", "ppl", "ppl.dev/deployment", DEPLOYMENT_ID, "ppl.dev/vertex", vertex));
            assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                    .containsEntry("ppl.dev/container-id", workload(vertex).containerId());
        }
    }

    @Test
    void theComponentContainerGetsTheEnvironmentContractSortedByName() {
        String in = Topics.edgeTopic(DEPLOYMENT_ID, "1", 0, "2", 0);
        String between = Topics.edgeTopic(DEPLOYMENT_ID, "2", 0, "3", 0);
        Map<String, Deployment> byVertex = byVertex(model.deployments(ROOT_UID));

        Container detector = component(byVertex.get("2"));
        assertThat(detector.getImage()).isEqualTo("registry.example/detector:1.2");
        assertThat(detector.getImagePullPolicy()).isEqualTo("IfNotPresent");
        assertThat(detector.getEnv()).extracting(EnvVar::getName).isSorted();
        assertThat(plainEnv(detector)).containsEntry("PPL_KAFKA_BOOTSTRAP", BOOTSTRAP)
                .containsEntry("PPL_DEPLOYMENT_ID", DEPLOYMENT_ID).containsEntry("PPL_VERTEX_ID", "2")
                .containsEntry("PPL_CONTAINER_ID", workload("2").containerId()).containsEntry("PPL_LEASE_ID", LEASE_ID)
                .containsEntry("PPL_CONSUMER_GROUP", "ppl." + DEPLOYMENT_ID + ".2")
                .containsEntry("PPL_INPUT_0_TOPIC", in).containsEntry("PPL_INPUT_0_TYPE", "Image")
                .containsEntry("PPL_OUTPUT_0_TOPICS", between).containsEntry("PPL_OUTPUT_0_TYPE", "[BoundingBox]")
                .containsEntry("PPL_PARAMS", "{\"threshold\":\"0.7\"}")
                .containsEntry("PPL_OUTPUT_DIR", "/ppl/outputs").containsEntry("PPL_FILES_DIR", "/ppl/files");

        Container annotate = component(byVertex.get("3"));
        assertThat(annotate.getImage()).isEqualTo("registry.example/annotate:0.3");
        assertThat(annotate.getEnv()).extracting(EnvVar::getName).isSorted();
        assertThat(plainEnv(annotate)).containsEntry("PPL_VERTEX_ID", "3")
                .containsEntry("PPL_CONTAINER_ID", workload("3").containerId())
                .containsEntry("PPL_INPUT_0_TOPIC", between).containsEntry("PPL_INPUT_0_TYPE", "[BoundingBox]")
                .containsEntry("PPL_PARAMS", "{\"label\":\"\\\"box\\\"\"}")
                .doesNotContainKeys("PPL_OUTPUT_0_TOPICS", "PPL_SECRET_TOKEN");
        assertThat(plainEnv(annotate).keySet()).containsAll(workload("3").environment().keySet());
    }

    @Test
    void resourcesComeFromTheComponentElseTheRuntimeDefaultsAndAGpuIsALimit() {
        Map<String, Deployment> byVertex = byVertex(model.deployments(ROOT_UID));

        Container detector = component(byVertex.get("2"));
        assertThat(detector.getResources().getRequests())
                .containsExactlyInAnyOrderEntriesOf(Map.of("cpu", new Quantity("2"), "memory", new Quantity("4Gi")));
        assertThat(detector.getResources().getLimits()).containsExactlyInAnyOrderEntriesOf(Map.of("cpu",
                new Quantity("4"), "memory", new Quantity("8Gi"), "nvidia.com/gpu", new Quantity("1")));

        Container annotate = component(byVertex.get("3"));
        assertThat(annotate.getResources().getRequests()).containsExactlyInAnyOrderEntriesOf(
                Map.of("cpu", new Quantity("250m"), "memory", new Quantity("256Mi")));
        assertThat(annotate.getResources().getLimits()).containsExactlyInAnyOrderEntriesOf(
                Map.of("cpu", new Quantity("1"), "memory", new Quantity("512Mi")));

        for (Deployment deployment : byVertex.values()) {
            assertThat(deployment.getSpec().getTemplate().getSpec().getNodeSelector())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("ppl.dev/pool", "components"));
        }
    }

    @Test
    void aSecretParameterIsReadFromItsSecretKeyAndLeftOutOfThePlainParameters() throws Exception {
        Container detector = component(byVertex(model.deployments(ROOT_UID)).get("2"));

        EnvVar token = detector.getEnv().stream().filter(e -> e.getName().equals("PPL_SECRET_TOKEN")).findFirst()
                .orElseThrow();
        assertThat(token.getValue()).isNull();
        assertThat(token.getValueFrom().getSecretKeyRef().getName()).isEqualTo("hf-token");
        assertThat(token.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("api-key");
        assertThat(JsonCodec.mapper().readTree(plainEnv(detector).get("PPL_PARAMS")).has("token")).isFalse();
        JsonNode rootParams = JsonCodec.mapper().readTree(model.root().getData().get("params.json"));
        assertThat(rootParams.path("2").has("token")).isFalse();
        assertThat(rootParams.path("2").path("threshold").asText()).isEqualTo("0.7");
    }

    @Test
    void noSerializedObjectHoldsTheSecretReferenceThePlanCarriedAsAPlainParameter() throws Exception {
        assertThat(workload("2").environment().get("PPL_PARAMS")).contains(SECRET_REFERENCE);

        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectMapper json = new ObjectMapper();
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(model.root());
        objects.addAll(model.deployments(ROOT_UID));
        for (HasMetadata object : objects) {
            assertThat(yaml.writeValueAsString(object)).doesNotContain(SECRET_REFERENCE);
            assertThat(json.writeValueAsString(object)).doesNotContain(SECRET_REFERENCE);
        }
        for (Deployment deployment : model.deployments(ROOT_UID)) {
            for (EnvVar variable : component(deployment).getEnv()) {
                assertThat(variable.getValue() == null ? "" : variable.getValue()).doesNotContain("hf-token");
            }
        }
    }

    @Test
    void boundFilesAreFetchedByAnInitContainerIntoTheFilesVolumeBesideAnOutputsVolume() {
        Map<String, Deployment> byVertex = byVertex(model.deployments(ROOT_UID));

        var detectorPod = byVertex.get("2").getSpec().getTemplate().getSpec();
        assertThat(detectorPod.getInitContainers()).singleElement().satisfies(init -> {
            assertThat(init.getName()).isEqualTo("fetch-files");
            assertThat(init.getImage()).isEqualTo("curlimages/curl:8.11.1");
            assertThat(init.getCommand()).containsExactly("curl");
            assertThat(init.getArgs()).containsSubsequence("--output", "/ppl/files/weights", WEIGHTS.toString())
                    .contains("--fail", "--fail-early");
            assertThat(init.getVolumeMounts()).singleElement().satisfies(mount -> {
                assertThat(mount.getName()).isEqualTo("files");
                assertThat(mount.getMountPath()).isEqualTo("/ppl/files");
                assertThat(mount.getReadOnly()).isNotEqualTo(Boolean.TRUE);
            });
            assertThat(init.getResources().getLimits()).doesNotContainKey("nvidia.com/gpu");
        });
        assertThat(byVertex.get("3").getSpec().getTemplate().getSpec().getInitContainers()).isEmpty();

        for (Deployment deployment : byVertex.values()) {
            var pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getVolumes()).extracting(Volume::getName).containsExactly("files", "outputs");
            assertThat(pod.getVolumes()).allSatisfy(v -> assertThat(v.getEmptyDir()).isNotNull());
            assertThat(pod.getEnableServiceLinks()).isFalse();
            assertThat(pod.getAutomountServiceAccountToken()).isFalse();
            Map<String, VolumeMount> mounts = component(deployment).getVolumeMounts().stream()
                    .collect(Collectors.toMap(VolumeMount::getMountPath, Function.identity()));
            assertThat(mounts).containsOnlyKeys("/ppl/files", "/ppl/outputs");
            assertThat(mounts.get("/ppl/files").getName()).isEqualTo("files");
            assertThat(mounts.get("/ppl/files").getReadOnly()).isTrue();
            assertThat(mounts.get("/ppl/outputs").getName()).isEqualTo("outputs");
        }
    }

    @Test
    void longVertexIdsGiveDistinctDns1123NamesAndLabelValuesOfAtMost63Characters() {
        String longId = "Vertex_With_A_Very_Long_Identifier_That_Goes_On_Past_Sixty_Three_Characters_";
        DeploymentPlan longPlan = DeploymentPlan.of(DEPLOYMENT_ID, threeVertices(longId + "A", longId + "B"), BOOTSTRAP,
                LEASE_ID, KubernetesDeploymentModelTest::gatewayUrl);

        List<Deployment> deployments = model(longPlan, LEASE_ID, longId + "A").deployments(ROOT_UID);

        assertThat(deployments).extracting(d -> d.getMetadata().getName()).doesNotHaveDuplicates()
                .allSatisfy(name -> assertThat(name).matches(DNS_LABEL).hasSizeLessThanOrEqualTo(63));
        assertThat(deployments).extracting(d -> d.getMetadata().getLabels().get("ppl.dev/vertex"))
                .doesNotHaveDuplicates().allSatisfy(value -> assertThat(value)
                        .matches("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?").hasSizeLessThanOrEqualTo(63));
        assertThat(model(longPlan, LEASE_ID, longId + "A").deployments(ROOT_UID)).isEqualTo(deployments);
    }

    @Test
    void withoutALeaseNoObjectHasALeaseLabel() {
        DeploymentPlan unleased = DeploymentPlan.of(DEPLOYMENT_ID, threeVertices("2", "3"), BOOTSTRAP, null,
                KubernetesDeploymentModelTest::gatewayUrl);
        KubernetesDeploymentModel free = model(unleased, null, "2");

        assertThat(free.root().getMetadata().getLabels()).doesNotContainKey("ppl.dev/lease");
        for (Deployment deployment : free.deployments(ROOT_UID)) {
            assertThat(deployment.getMetadata().getLabels()).doesNotContainKey("ppl.dev/lease")
                    .containsKeys("ppl.dev/deployment", "ppl.dev/vertex");
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).doesNotContainKey("ppl.dev/lease");
            assertThat(plainEnv(component(deployment))).containsEntry("PPL_LEASE_ID", "");
        }
    }

    @Test
    void buildingTwiceGivesEqualObjects() throws Exception {
        KubernetesDeploymentModel again = model(plan, LEASE_ID, "2");
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

        assertThat(again.root()).isEqualTo(model.root());
        assertThat(again.deployments(ROOT_UID)).isEqualTo(model.deployments(ROOT_UID));
        assertThat(yaml.writeValueAsString(again.deployments(ROOT_UID)))
                .isEqualTo(yaml.writeValueAsString(model.deployments(ROOT_UID)));
    }

    @Test
    void aWorkloadThatCannotRunAsPlannedIsRefusedWhenTheModelIsBuilt() {
        assertThatThrownBy(() -> new KubernetesDeploymentModel(plan, "bk_graph", LEASE_ID,
                Map.of("1", new WorkloadNeeds(Map.of("weights", WEIGHTS), null)), SETTINGS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1] are no workloads");
        assertThatThrownBy(() -> new KubernetesDeploymentModel(plan, "bk_graph", "ls_other", Map.of(), SETTINGS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("planned for lease");

        String localOnly = threeVertices("2", "3").toString().replace("\"image\":\"registry.example/annotate:0.3\"",
                "\"local\":{\"command\":[\"true\"]}");
        DeploymentPlan withoutImage = DeploymentPlan.of(DEPLOYMENT_ID, read(localOnly), BOOTSTRAP, LEASE_ID,
                KubernetesDeploymentModelTest::gatewayUrl);
        assertThatThrownBy(() -> new KubernetesDeploymentModel(withoutImage, "bk_graph", LEASE_ID, Map.of(), SETTINGS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vertex 3 (annotate)")
                .hasMessageContaining("no image");
    }

    private KubernetesDeploymentModel model(DeploymentPlan deploymentPlan, String leaseId, String detectorVertex) {
        return new KubernetesDeploymentModel(deploymentPlan, "bk_graph", leaseId,
                Map.of(detectorVertex, new WorkloadNeeds(Map.of("weights", WEIGHTS), DETECTOR)), SETTINGS);
    }

    private Workload workload(String vertexId) {
        return plan.workloads().stream().filter(w -> w.vertexId().equals(vertexId)).findFirst().orElseThrow();
    }

    private static String vertexOf(Deployment deployment) {
        return deployment.getMetadata().getLabels().get("ppl.dev/vertex");
    }

    private static Map<String, Deployment> byVertex(List<Deployment> deployments) {
        return deployments.stream().collect(Collectors.toMap(KubernetesDeploymentModelTest::vertexOf, Function.identity()));
    }

    private static Container component(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).extracting(Container::getName).containsExactly("component");
        return containers.get(0);
    }

    /** The variables with a plain value, by name. */
    private static Map<String, String> plainEnv(Container container) {
        return container.getEnv().stream().filter(e -> e.getValueFrom() == null)
                .collect(Collectors.toMap(EnvVar::getName, e -> e.getValue() == null ? "" : e.getValue()));
    }

    /** Input harness "1" → detector → annotate, with the detector's and annotate's vertex ids given. */
    private static JsonNode threeVertices(String detector, String annotate) {
        return read("""
                {"backend_id": "bk_graph", "seq": 9, "lease_id": "%3$s", "vertices": [
                  {"vertex_id": "1", "harness": "input", "descriptor": {"name": "Input Image HTTP", "version": "1.0.0",
                    "outputs": [{"name": "image", "type": "Image"}], "harness": "input"}, "params": {}},
                  {"vertex_id": "%1$s", "descriptor": {"name": "detector", "version": "1.2.0",
                    "inputs": [{"name": "image", "type": "Image"}], "outputs": [{"name": "boxes", "type": "[BoundingBox]"}],
                    "config_schema": {"threshold": {"type": "Double", "default": "0.5"},
                                      "token": {"type": "String", "secret": true}},
                    "file_schema": {"weights": {"types": ["onnx"]}},
                    "image": "registry.example/detector:1.2"},
                   "params": {"threshold": {"value_type": "Double", "value": "0.7"},
                              "token": {"value_type": "SecretRef", "value": "\\"%4$s\\""}},
                   "files": {"weights": {"file_id": "fl_weights", "file_type": "onnx"}}},
                  {"vertex_id": "%2$s", "descriptor": {"name": "annotate", "version": "0.3.0",
                    "inputs": [{"name": "boxes", "type": "[BoundingBox]"}],
                    "config_schema": {"label": {"type": "String", "default": "\\"box\\""}},
                    "image": "registry.example/annotate:0.3"}, "params": {}}],
                 "edges": [{"from_vertex": "1", "from_output": 0, "to_vertex": "%1$s", "to_input": 0},
                           {"from_vertex": "%1$s", "from_output": 0, "to_vertex": "%2$s", "to_input": 0}]}
                """.formatted(detector, annotate, LEASE_ID, SECRET_REFERENCE));
    }

    private static JsonNode read(String json) {
        try {
            return JsonCodec.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URI gatewayUrl(String fileId) {
        return URI.create("https://gateway.ppl.svc/files/" + fileId + "/content");
    }
}
