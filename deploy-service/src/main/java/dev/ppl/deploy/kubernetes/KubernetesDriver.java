package dev.ppl.deploy.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import dev.ppl.contracts.component.ComponentDescriptor;
import dev.ppl.deploy.deployment.DeploymentPlan;
import dev.ppl.deploy.runtime.ContainerListener;
import dev.ppl.deploy.runtime.LogLines;
import dev.ppl.deploy.runtime.RuntimeDriver;
import dev.ppl.deploy.runtime.Workload;
import dev.ppl.service.web.InvalidInputException;
import dev.ppl.service.web.ProblemException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * A Kubernetes runtime: the objects {@link KubernetesDeploymentModel} builds, applied through the fabric8
 * client, and an informer on the pods ppl manages in the runtime's namespace whose updates become
 * container reports. The kubelet restarts what crashes, so this driver only reports; the deployment
 * decides when a container has crashed too often and stops it. Containers outlive the deploy-service: a
 * restarted service takes over the Deployments it finds instead of creating them again.
 */
public final class KubernetesDriver implements RuntimeDriver, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KubernetesDriver.class);
    private static final long DELETE_WAIT_SECONDS = 30;

    private final String id;
    private final KubernetesRuntimeSettings settings;
    private final KubernetesClient client;
    /**
     * The model of each deployment this driver starts containers of, with its root's uid once created; removed with
     * the deployment, so it holds one entry a deployment not yet removed.
     */
    private final Map<String, Prepared> prepared = new ConcurrentHashMap<>();
    /** The containers being reported on, by container id; a stopped one is removed first, so one a running container. */
    private final Map<String, ContainerReports> watched = new ConcurrentHashMap<>();
    /** Reports run off the informer's thread and in the order the updates came. */
    private final ExecutorService reporter;
    private final Optional<String> kafkaBootstrap;
    private final Optional<String> gatewayUrl;
    private final int maxLogLineBytes;
    private volatile SharedIndexInformer<Pod> informer;

    public KubernetesDriver(String id, KubernetesRuntimeSettings settings, KubernetesClient client,
            Optional<String> kafkaBootstrap, Optional<String> gatewayUrl, int maxLogLineBytes) {
        this.id = Objects.requireNonNull(id, "id");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = Objects.requireNonNull(client, "client");
        this.kafkaBootstrap = Objects.requireNonNull(kafkaBootstrap, "kafkaBootstrap");
        this.gatewayUrl = Objects.requireNonNull(gatewayUrl, "gatewayUrl");
        this.maxLogLineBytes = maxLogLineBytes;
        this.reporter = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "kubernetes-" + id + "-reports");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String kind() {
        return "kubernetes";
    }

    public KubernetesRuntimeSettings settings() {
        return settings;
    }

    /**
     * Starts the informer on the pods ppl manages in the namespace. It does not wait for the API server: an
     * informer that cannot list or watch tries again, and what it finds then is reported then.
     */
    public void watch() {
        SharedIndexInformer<Pod> pods = client.pods().inNamespace(settings.namespace())
                .withLabel(KubernetesDeploymentModel.LABEL_MANAGED_BY, KubernetesDeploymentModel.MANAGED_BY)
                .runnableInformer(0);
        pods.exceptionHandler((started, error) -> {
            LOG.warnf("Kubernetes runtime %s: watching pods in %s failed (%s); trying again", id, settings.namespace(),
                    error.getMessage());
            return true;
        });
        pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                reporter.execute(() -> observe(pod));
            }

            @Override
            public void onUpdate(Pod before, Pod pod) {
                reporter.execute(() -> observe(pod));
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                reporter.execute(() -> gone(pod));
            }
        });
        informer = pods;
        pods.start();
    }

    /** Builds the deployment's objects to check that this runtime can run it; creates nothing. */
    @Override
    public void prepare(DeploymentPlan plan, String backendId, String leaseId) {
        KubernetesDeploymentModel model;
        try {
            Map<String, WorkloadNeeds> needs = new HashMap<>();
            for (Workload workload : plan.workloads()) {
                needs.put(workload.vertexId(), needs(workload));
            }
            model = new KubernetesDeploymentModel(plan, backendId, leaseId, needs, settings);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("backend_id", "a graph whose workloads runtime '" + id + "' can run",
                    e.getMessage());
        }
        prepared.put(plan.deploymentId(), new Prepared(model));
    }

    @Override
    public void start(Workload workload, ContainerListener listener) {
        Prepared deployment = prepared.get(workload.deploymentId());
        if (deployment == null) {
            listener.cannotStart(workload.containerId(), "runtime '" + id + "' was not given deployment "
                    + workload.deploymentId() + " before its containers");
            return;
        }
        Deployment desired = deployment.model.deployment(workload.vertexId(), rootUid(deployment));
        ContainerReports reports = new ContainerReports(workload.containerId(), listener);
        // Before the Deployment exists, so not one update of its pod is missed.
        watched.put(workload.containerId(), reports);
        try {
            if (client.resource(desired).get() == null) {
                client.resource(desired).create();
            } else {
                LOG.infof("Kubernetes runtime %s: taking over Deployment %s of container %s", id,
                        desired.getMetadata().getName(), workload.containerId());
            }
        } catch (KubernetesClientException e) {
            watched.remove(workload.containerId());
            throw refused("creating Deployment " + desired.getMetadata().getName(), e);
        }
        SharedIndexInformer<Pod> pods = informer;
        if (pods != null) {
            // A pod that exists already (taken over) reports what it is now, not only its next change.
            pods.getStore().list().stream().filter(p -> workload.containerId().equals(containerId(p)))
                    .forEach(p -> reporter.execute(() -> observe(p)));
        }
    }

    @Override
    public void stop(String containerId) {
        watched.remove(containerId);
        List<Deployment> found;
        try {
            found = managedDeployments().stream().filter(d -> containerId.equals(containerId(d))).toList();
        } catch (KubernetesClientException e) {
            throw refused("finding the Deployment of container " + containerId, e);
        }
        for (Deployment deployment : found) {
            deleteWithPods(deployment);
        }
    }

    @Override
    public Map<String, String> containers() {
        Map<String, String> found = new HashMap<>();
        for (Deployment deployment : managedDeployments()) {
            String container = containerId(deployment);
            String deploymentId = deployment.getMetadata().getLabels().get(KubernetesDeploymentModel.LABEL_DEPLOYMENT);
            if (container != null && deploymentId != null) {
                found.put(container, deploymentId);
            }
        }
        return found;
    }

    /** Output files live in the pod's emptyDir and go with it; this runtime serves none. */
    @Override
    public Optional<Path> outputFile(String deploymentId, String vertexId, String key) {
        return Optional.empty();
    }

    @Override
    public void logs(String containerId, int tail, boolean follow, Consumer<String> line, BooleanSupplier cancelled) {
        Optional<Pod> pod = podOf(containerId);
        if (pod.isEmpty()) {
            return;
        }
        var container = client.pods().inNamespace(settings.namespace()).withName(pod.get().getMetadata().getName())
                .inContainer(KubernetesDeploymentModel.COMPONENT_CONTAINER);
        // Read as the API server sends it, a line at a time: neither a whole log nor a whole line is ever held.
        LogLines lines = new LogLines(maxLogLineBytes, line);
        try {
            if (!follow) {
                try (InputStream log = tail < 0 ? container.getLogInputStream()
                        : container.tailingLines(tail).getLogInputStream()) {
                    lines.readAll(log, cancelled);
                }
                return;
            }
            try (LogWatch watch = tail < 0 ? container.watchLog() : container.tailingLines(tail).watchLog()) {
                lines.readAll(watch.getOutput(), cancelled);
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return;
            }
            throw refused("reading the log of container " + containerId, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the deployment's root and, for a server without a garbage collector, what it owns. */
    @Override
    public void removeDeployment(String deploymentId) {
        prepared.remove(deploymentId);
        String label = KubernetesNames.labelValue(deploymentId);
        try {
            client.configMaps().inNamespace(settings.namespace()).withName(KubernetesNames.objectName(deploymentId))
                    .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
            client.apps().deployments().inNamespace(settings.namespace())
                    .withLabel(KubernetesDeploymentModel.LABEL_DEPLOYMENT, label).delete();
            client.pods().inNamespace(settings.namespace()).withLabel(KubernetesDeploymentModel.LABEL_DEPLOYMENT, label)
                    .delete();
        } catch (KubernetesClientException e) {
            throw refused("deleting the objects of deployment " + deploymentId, e);
        }
    }

    @Override
    public boolean containersOutliveService() {
        return true;
    }

    @Override
    public Optional<String> kafkaBootstrap() {
        return kafkaBootstrap;
    }

    @Override
    public Optional<String> gatewayUrl() {
        return gatewayUrl;
    }

    @Override
    public void close() {
        SharedIndexInformer<Pod> pods = informer;
        if (pods != null) {
            pods.close();
        }
        reporter.shutdownNow();
        client.close();
    }

    /** The workload's bound files and the resources its component asks for, the runtime's defaults filling the rest. */
    private static WorkloadNeeds needs(Workload workload) {
        Map<String, URI> files = new TreeMap<>();
        workload.files().forEach((slot, file) -> files.put(slot, file.url()));
        ComponentDescriptor.Resources asked = workload.descriptor().resources();
        String where = "vertex " + workload.vertexId() + " (" + workload.descriptor().name() + "): resources.";
        try {
            return new WorkloadNeeds(files, new ContainerResources(asked.cpu(), asked.cpuLimit(), asked.memory(),
                    asked.memoryLimit(), asked.gpus()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + e.getMessage(), e);
        }
    }

    private void observe(Pod pod) {
        ContainerReports reports = watched.get(containerId(pod));
        if (reports == null) {
            return;
        }
        try {
            reports.observe(pod.getMetadata().getUid(), PodObservation.of(pod));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Kubernetes runtime %s: pod %s could not be reported", id, pod.getMetadata().getName());
        }
    }

    private void gone(Pod pod) {
        ContainerReports reports = watched.get(containerId(pod));
        if (reports == null) {
            return;
        }
        try {
            reports.podDeleted(pod.getMetadata().getUid(), pod.getMetadata().getName());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Kubernetes runtime %s: the deletion of pod %s could not be reported", id,
                    pod.getMetadata().getName());
        }
    }

    /** The root's uid, creating the root the first time (or finding it after a restart). */
    private String rootUid(Prepared deployment) {
        synchronized (deployment) {
            if (deployment.rootUid == null) {
                ConfigMap desired = deployment.model.root();
                try {
                    ConfigMap root = client.resource(desired).get();
                    if (root == null) {
                        root = client.resource(desired).create();
                    }
                    deployment.rootUid = root.getMetadata().getUid();
                } catch (KubernetesClientException e) {
                    throw refused("creating ConfigMap " + desired.getMetadata().getName(), e);
                }
            }
            return deployment.rootUid;
        }
    }

    private void deleteWithPods(Deployment deployment) {
        String name = deployment.getMetadata().getName();
        var resource = client.apps().deployments().inNamespace(settings.namespace()).withName(name);
        resource.withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
        Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
        client.pods().inNamespace(settings.namespace()).withLabels(selector).delete();
        try {
            resource.waitUntilCondition(Objects::isNull, DELETE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (KubernetesClientException e) {
            LOG.warnf("Kubernetes runtime %s: Deployment %s is still being deleted (%s)", id, name, e.getMessage());
        }
    }

    private List<Deployment> managedDeployments() {
        return client.apps().deployments().inNamespace(settings.namespace())
                .withLabel(KubernetesDeploymentModel.LABEL_MANAGED_BY, KubernetesDeploymentModel.MANAGED_BY).list().getItems();
    }

    private Optional<Pod> podOf(String containerId) {
        SharedIndexInformer<Pod> pods = informer;
        List<Pod> candidates = pods != null && pods.hasSynced() ? pods.getStore().list()
                : client.pods().inNamespace(settings.namespace())
                        .withLabel(KubernetesDeploymentModel.LABEL_MANAGED_BY, KubernetesDeploymentModel.MANAGED_BY).list()
                        .getItems();
        return candidates.stream().filter(p -> containerId.equals(containerId(p)))
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null).findFirst();
    }

    private static String containerId(HasMetadata object) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(KubernetesDeploymentModel.ANNOTATION_CONTAINER_ID);
    }

    private ProblemException refused(String what, KubernetesClientException e) {
        return new ProblemException(502, "Bad gateway", "Kubernetes runtime '" + id + "': " + what + " failed: "
                + (e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage()),
                "runtime", null);
    }

    private static final class Prepared {
        private final KubernetesDeploymentModel model;
        private String rootUid;

        Prepared(KubernetesDeploymentModel model) {
            this.model = model;
        }
    }
}
