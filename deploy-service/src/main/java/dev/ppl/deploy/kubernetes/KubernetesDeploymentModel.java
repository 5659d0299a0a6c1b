package dev.ppl.deploy.kubernetes;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.contracts.component.ComponentDescriptor;
import dev.ppl.deploy.deployment.DeploymentPlan;
import dev.ppl.deploy.runtime.Workload;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

/**
 * The desired state of one deployment on a Kubernetes runtime, as fabric8 objects. Building them needs
 * neither a client nor a server; applying them, and watching what they become, is someone else's job.
 * <ul>
 * <li>The root is a ConfigMap {@code ppl-<deployment>} with the deployment's routes and parameters (secret
 * ones left out) for people to read. Everything else carries an owner reference to it (controller, block
 * owner deletion), so deleting the root lets Kubernetes' garbage collector delete the rest. Its uid exists
 * only once the API server has created it, so the children are built from that uid.</li>
 * <li>Each workload vertex is an apps/v1 Deployment {@code ppl-<deployment>-<vertex>} of one replica,
 * labelled {@value #LABEL_DEPLOYMENT}, {@value #LABEL_VERTEX}, {@value #LABEL_MANAGED_BY} and, when the
 * deployment has a lease, {@value #LABEL_LEASE}, on the Deployment and its pod template.</li>
 * <li>The pod's container {@value #COMPONENT_CONTAINER} runs the component's image with the environment
 * contract, sorted by name, plus {@code PPL_OUTPUT_DIR} ({@value #OUTPUT_DIR}, an emptyDir) and
 * {@code PPL_FILES_DIR} ({@value #FILES_DIR}, an emptyDir the init container {@value #FETCH_CONTAINER}
 * fills with the bound files, mounted read-only).</li>
 * <li>A secret parameter is not in {@code PPL_PARAMS}: it is the variable {@code PPL_SECRET_<PARAM>} read
 * from the Secret key its reference names ({@link SecretRef}), so no spec holds it.</li>
 * </ul>
 */
public final class KubernetesDeploymentModel {
    public static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "ppl";
    public static final String LABEL_LEASE = "ppl.dev/lease";
    public static final String LABEL_DEPLOYMENT = "ppl.dev/deployment";
    public static final String LABEL_VERTEX = "ppl.dev/vertex";
    public static final String ANNOTATION_BACKEND_ID = "ppl.dev/backend-id";
    public static final String ANNOTATION_BACKEND_SEQ = "ppl.dev/backend-seq";
    public static final String ANNOTATION_CONTAINER_ID = "ppl.dev/container-id";
    public static final String ANNOTATION_COMPONENT = "ppl.dev/component";
    public static final String COMPONENT_CONTAINER = "component";
    public static final String FETCH_CONTAINER = "fetch-files";
    public static final String FILES_DIR = "/ppl/files";
    public static final String OUTPUT_DIR = "/ppl/outputs";
    public static final String FILES_VOLUME = "files";
    public static final String OUTPUTS_VOLUME = "outputs";
    public static final String SECRET_ENV_PREFIX = "PPL_SECRET_";
    /** The root's data keys. */
    public static final String ROUTES_KEY = "routes.json";
    public static final String PARAMS_KEY = "params.json";

    private final DeploymentPlan plan;
    private final String backendId;
    private final String leaseId;
    private final KubernetesRuntimeSettings settings;
    private final String rootName;
    private final List<PodPlan> pods = new ArrayList<>();

    /**
     * @param leaseId the lease that owns the deployment, or null; every workload's {@code PPL_LEASE_ID} says the same
     * @param needs the bound files and resource requests of workload vertices, by vertex id; a workload
     *        vertex missing here needs no files and takes the runtime's default resources
     * @throws IllegalArgumentException when a workload cannot run on Kubernetes as planned: no image, a
     *         secret parameter that does not name a Secret key, needs for a vertex that is no workload
     */
    public KubernetesDeploymentModel(DeploymentPlan plan, String backendId, String leaseId, Map<String, WorkloadNeeds> needs,
            KubernetesRuntimeSettings settings) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (backendId == null || backendId.isBlank()) {
            throw new IllegalArgumentException("backend_id: the backend the deployment runs");
        }
        this.backendId = backendId;
        this.leaseId = leaseId == null || leaseId.isBlank() ? null : leaseId;
        this.rootName = KubernetesNames.objectName(plan.deploymentId());
        Map<String, WorkloadNeeds> unclaimed = new HashMap<>(needs == null ? Map.of() : needs);
        Map<String, String> vertexByName = new HashMap<>();
        for (Workload workload : plan.workloads()) {
            PodPlan pod = pod(workload, unclaimed.getOrDefault(workload.vertexId(), WorkloadNeeds.NONE));
            unclaimed.remove(workload.vertexId());
            String clash = vertexByName.put(pod.name(), workload.vertexId());
            if (clash != null) {
                throw new IllegalArgumentException("vertices " + clash + " and " + workload.vertexId()
                        + " would both be the Deployment " + pod.name());
            }
            pods.add(pod);
        }
        if (!unclaimed.isEmpty()) {
            throw new IllegalArgumentException("needs: vertices " + new TreeMap<>(unclaimed).keySet()
                    + " are no workloads of deployment " + plan.deploymentId());
        }
    }

    /** The name of the root ConfigMap, which owns every other object of the deployment. */
    public String rootName() {
        return rootName;
    }

    /** The root ConfigMap, to create first: its uid, once created, is what {@link #deployments} are owned by. */
    public ConfigMap root() {
        ObjectNode params = JsonCodec.mapper().createObjectNode();
        for (PodPlan pod : pods) {
            params.set(pod.workload().vertexId(), readObject(pod.params()));
        }
        Map<String, String> annotations = new TreeMap<>();
        annotations.put(ANNOTATION_BACKEND_ID, backendId);
        annotations.put(ANNOTATION_BACKEND_SEQ, Long.toString(plan.backendSeq()));
        Map<String, String> data = new TreeMap<>();
        data.put(ROUTES_KEY, write(plan.routes()));
        data.put(PARAMS_KEY, write(params));
        return new ConfigMapBuilder()
                .withNewMetadata().withName(rootName).withNamespace(settings.namespace())
                .withLabels(labels(null)).withAnnotations(annotations).endMetadata()
                .withData(data)
                .build();
    }

    /** One Deployment per workload vertex, in the plan's order, each owned by the root of the given uid. */
    public List<Deployment> deployments(String rootUid) {
        if (rootUid == null || rootUid.isBlank()) {
            throw new IllegalArgumentException("root_uid: the uid the API server gave the root ConfigMap " + rootName);
        }
        return pods.stream().map(pod -> deployment(pod, rootUid)).toList();
    }

    /** The Deployment of one workload vertex, owned by the root of the given uid. */
    public Deployment deployment(String vertexId, String rootUid) {
        return deployments(rootUid).stream()
                .filter(d -> KubernetesNames.labelValue(vertexId).equals(d.getMetadata().getLabels().get(LABEL_VERTEX)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("vertex_id: " + vertexId + " is no workload of deployment "
                        + plan.deploymentId()));
    }

    private Deployment deployment(PodPlan pod, String rootUid) {
        Workload workload = pod.workload();
        Map<String, String> deploymentAnnotations = new TreeMap<>();
        deploymentAnnotations.put(ANNOTATION_COMPONENT,
                workload.descriptor().name() + "@" + workload.descriptor().version());
        deploymentAnnotations.put(ANNOTATION_CONTAINER_ID, workload.containerId());
        Map<String, String> podAnnotations = new TreeMap<>();
        podAnnotations.put(ANNOTATION_CONTAINER_ID, workload.containerId());
        // The lease label stays out of the selector: a selector cannot change, and a lease committed with
        // retain_all clears its stamp from a deployment that keeps running.
        Map<String, String> selector = new TreeMap<>(labels(workload.vertexId()));
        selector.remove(LABEL_LEASE);
        return new DeploymentBuilder()
                .withNewMetadata().withName(pod.name()).withNamespace(settings.namespace())
                .withLabels(labels(workload.vertexId())).withAnnotations(deploymentAnnotations)
                .withOwnerReferences(owner(rootUid)).endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withNewSelector().withMatchLabels(selector).endSelector()
                // A rolling update starts the new pod before it stops the old one: on a node with one GPU the
                // new pod would wait for the old one's GPU forever.
                .withNewStrategy().withType("Recreate").endStrategy()
                .withNewTemplate()
                .withNewMetadata().withLabels(labels(workload.vertexId())).withAnnotations(podAnnotations).endMetadata()
                .withNewSpec()
                // Service links would add a variable per Service of the namespace to the environment contract.
                .withEnableServiceLinks(false)
                // Components talk to Kafka, not to the API server.
                .withAutomountServiceAccountToken(false)
                .withNodeSelector(settings.nodeSelector().isEmpty() ? null : new TreeMap<>(settings.nodeSelector()))
                .withInitContainers(pod.files().isEmpty() ? List.of() : List.of(fetcher(pod.files())))
                .withContainers(component(pod))
                .withVolumes(
                        new VolumeBuilder().withName(FILES_VOLUME).withNewEmptyDir().endEmptyDir().build(),
                        new VolumeBuilder().withName(OUTPUTS_VOLUME).withNewEmptyDir().endEmptyDir().build())
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private Container component(PodPlan pod) {
        SortedMap<String, EnvVar> env = new TreeMap<>();
        pod.env().forEach((name, value) -> env.put(name, new EnvVarBuilder().withName(name).withValue(value).build()));
        pod.secrets().forEach((name, ref) -> env.put(name, new EnvVarBuilder().withName(name)
                .withNewValueFrom().withNewSecretKeyRef().withName(ref.secretName()).withKey(ref.key())
                .endSecretKeyRef().endValueFrom().build()));
        return new ContainerBuilder()
                .withName(COMPONENT_CONTAINER)
                .withImage(pod.workload().descriptor().image())
                .withImagePullPolicy(settings.imagePullPolicy())
                .withEnv(new ArrayList<>(env.values()))
                .withResources(requirements(pod.resources()))
                .withVolumeMounts(
                        new VolumeMountBuilder().withName(FILES_VOLUME).withMountPath(FILES_DIR).withReadOnly(true).build(),
                        new VolumeMountBuilder().withName(OUTPUTS_VOLUME).withMountPath(OUTPUT_DIR).build())
                .build();
    }

    /**
     * curl with one {@code --output} per file: no shell, so a URL is never parsed as a command, and
     * {@code --fail-early} fails the pod's start on the first file that cannot be fetched.
     */
    private Container fetcher(Map<String, URI> files) {
        List<String> args = new ArrayList<>(
                List.of("--fail", "--fail-early", "--silent", "--show-error", "--location", "--create-dirs"));
        files.forEach((slot, url) -> {
            args.add("--output");
            args.add(FILES_DIR + "/" + slot);
            args.add(url.toString());
        });
        ContainerResources defaults = settings.defaultResources();
        return new ContainerBuilder()
                .withName(FETCH_CONTAINER)
                .withImage(settings.fileFetcherImage())
                .withImagePullPolicy(settings.imagePullPolicy())
                .withCommand("curl")
                .withArgs(args)
                .withResources(requirements(new ContainerResources(defaults.cpuRequest(), defaults.cpuLimit(),
                        defaults.memoryRequest(), defaults.memoryLimit(), 0)))
                .withVolumeMounts(new VolumeMountBuilder().withName(FILES_VOLUME).withMountPath(FILES_DIR).build())
                .build();
    }

    private static ResourceRequirements requirements(ContainerResources resources) {
        Map<String, Quantity> requests = new TreeMap<>();
        Map<String, Quantity> limits = new TreeMap<>();
        putQuantity(requests, "cpu", resources.cpuRequest());
        putQuantity(requests, "memory", resources.memoryRequest());
        putQuantity(limits, "cpu", resources.cpuLimit());
        putQuantity(limits, "memory", resources.memoryLimit());
        if (resources.gpus() > 0) {
            limits.put(ContainerResources.GPU_RESOURCE, new Quantity(Integer.toString(resources.gpus())));
        }
        return new ResourceRequirementsBuilder().withRequests(requests).withLimits(limits).build();
    }

    private static void putQuantity(Map<String, Quantity> into, String resource, String amount) {
        if (amount != null) {
            into.put(resource, new Quantity(amount));
        }
    }

    private OwnerReference owner(String rootUid) {
        return new OwnerReferenceBuilder().withApiVersion("v1").withKind("ConfigMap").withName(rootName)
                .withUid(rootUid).withController(true).withBlockOwnerDeletion(true).build();
    }

    /** The labels of the deployment's objects; those of one vertex's objects when {@code vertexId} is given. */
    private Map<String, String> labels(String vertexId) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(LABEL_MANAGED_BY, MANAGED_BY);
        labels.put(LABEL_DEPLOYMENT, KubernetesNames.labelValue(plan.deploymentId()));
        if (vertexId != null) {
            labels.put(LABEL_VERTEX, KubernetesNames.labelValue(vertexId));
        }
        if (leaseId != null) {
            labels.put(LABEL_LEASE, KubernetesNames.labelValue(leaseId));
        }
        return labels;
    }

    private PodPlan pod(Workload workload, WorkloadNeeds needs) {
        ComponentDescriptor descriptor = workload.descriptor();
        String where = "vertex " + workload.vertexId() + " (" + descriptor.name() + ")";
        if (descriptor.image() == null || descriptor.image().isBlank()) {
            throw new IllegalArgumentException(where + ": the component has no image, and a Kubernetes runtime runs images");
        }
        String workloadLease = workload.environment().getOrDefault("PPL_LEASE_ID", "");
        if (!workloadLease.equals(leaseId == null ? "" : leaseId)) {
            throw new IllegalArgumentException(where + ": planned for lease '" + workloadLease + "', deployed for '"
                    + leaseId + "'");
        }
        ObjectNode params = readObject(workload.environment().getOrDefault("PPL_PARAMS", "{}"));
        SortedMap<String, SecretRef> secrets = new TreeMap<>();
        for (Map.Entry<String, ComponentDescriptor.ConfigParam> declared : descriptor.configSchema().entrySet()) {
            String name = declared.getKey();
            JsonNode literal = declared.getValue().secret() ? params.remove(name) : null;
            if (literal == null) {
                continue;
            }
            String variable = SECRET_ENV_PREFIX + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
            if (secrets.containsKey(variable)) {
                throw new IllegalArgumentException(where + ": two secret parameters would both be " + variable);
            }
            try {
                secrets.put(variable, SecretRef.ofLiteral(literal.asText()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": secret parameter '" + name + "': " + e.getMessage(), e);
            }
        }
        String paramsJson = write(params);
        SortedMap<String, String> env = new TreeMap<>(workload.environment());
        env.put("PPL_PARAMS", paramsJson);
        env.put("PPL_OUTPUT_DIR", OUTPUT_DIR);
        env.put("PPL_FILES_DIR", FILES_DIR);
        return new PodPlan(workload, KubernetesNames.objectName(plan.deploymentId(), workload.vertexId()), env, secrets,
                paramsJson, needs.resources().over(settings.defaultResources()), needs.files());
    }

    private static ObjectNode readObject(String json) {
        try {
            JsonNode node = JsonCodec.mapper().readTree(json);
            if (!(node instanceof ObjectNode object)) {
                throw new IllegalArgumentException("PPL_PARAMS: a JSON object, got " + json);
            }
            return object;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("PPL_PARAMS: a JSON object: " + e.getOriginalMessage(), e);
        }
    }

    private static String write(Object value) {
        try {
            return JsonCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One workload as its pod will run it.
     *
     * @param env the plain variables, {@code PPL_PARAMS} without secret parameters
     * @param secrets the variables read from Secrets, by variable name
     * @param params {@code PPL_PARAMS}
     */
    private record PodPlan(Workload workload, String name, SortedMap<String, String> env, SortedMap<String, SecretRef> secrets,
            String params, ContainerResources resources, Map<String, URI> files) {
    }
}
