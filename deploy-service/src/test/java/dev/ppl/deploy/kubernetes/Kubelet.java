package dev.ppl.deploy.kubernetes;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * What the scheduler and a kubelet do to the pods of a Deployment, done by hand on an API server that has
 * neither: a pod made from the Deployment's template, then the statuses a real node would write, in the
 * shape it writes them.
 */
final class Kubelet {
    private final KubernetesClient client;
    private final String namespace;

    Kubelet(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** The Deployments of one ppl deployment, once the deploy-service has created as many as expected. */
    List<Deployment> deploymentsOf(String deploymentId, int expected) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> client.apps().deployments()
                .inNamespace(namespace).withLabel(KubernetesDeploymentModel.LABEL_DEPLOYMENT,
                        KubernetesNames.labelValue(deploymentId))
                .list().getItems(), found -> found.size() == expected);
    }

    /** The pod the Deployment's ReplicaSet would create, with no status yet. */
    Pod createPod(Deployment deployment) {
        var template = deployment.getSpec().getTemplate();
        Pod pod = new PodBuilder().withNewMetadata()
                .withName(deployment.getMetadata().getName() + "-" + UUID.randomUUID().toString().substring(0, 5))
                .withNamespace(namespace).withLabels(template.getMetadata().getLabels())
                .withAnnotations(template.getMetadata().getAnnotations()).endMetadata()
                .withSpec(template.getSpec()).build();
        return client.resource(pod).create();
    }

    Pod pending(Pod pod) {
        return status(pod, new PodStatusBuilder().withPhase("Pending")
                .withConditions(condition("PodScheduled", "True", null, null)).build());
    }

    Pod unschedulable(Pod pod, String message) {
        return status(pod, new PodStatusBuilder().withPhase("Pending")
                .withConditions(condition("PodScheduled", "False", "Unschedulable", message)).build());
    }

    Pod creatingContainer(Pod pod) {
        return status(pod,
                scheduled("Pending", new ContainerStatusBuilder().withName(KubernetesDeploymentModel.COMPONENT_CONTAINER)
                        .withRestartCount(0).withReady(false).withNewState().withNewWaiting().withReason("ContainerCreating")
                        .endWaiting().endState().build()));
    }

    /** The component container waiting, as it does while its image is pulled. */
    Pod waiting(Pod pod, String reason, String message) {
        return status(pod,
                scheduled("Pending", new ContainerStatusBuilder().withName(KubernetesDeploymentModel.COMPONENT_CONTAINER)
                        .withRestartCount(0).withReady(false).withNewState().withNewWaiting().withReason(reason)
                        .withMessage(message)
                        .endWaiting().endState().build()));
    }

    Pod running(Pod pod, int restarts) {
        return status(pod, scheduled("Running", new ContainerStatusBuilder()
                .withName(KubernetesDeploymentModel.COMPONENT_CONTAINER).withRestartCount(restarts).withReady(true)
                .withNewState().withNewRunning().withStartedAt(Instant.now().toString()).endRunning().endState().build()));
    }

    /**
     * The kubelet waiting to start the container again after its {@code restarts}-th end, which ended with
     * {@code exitCode} for {@code reason}.
     */
    Pod crashLoopBackOff(Pod pod, int restarts, int exitCode, String reason) {
        return status(pod, scheduled("Running", new ContainerStatusBuilder()
                .withName(KubernetesDeploymentModel.COMPONENT_CONTAINER).withRestartCount(restarts).withReady(false)
                .withNewState().withNewWaiting().withReason("CrashLoopBackOff")
                .withMessage("back-off 10s restarting failed container=component pod=" + pod.getMetadata().getName())
                .endWaiting().endState()
                .withNewLastState().withNewTerminated().withExitCode(exitCode).withReason(reason)
                .withFinishedAt(Instant.now().toString()).endTerminated().endLastState().build()));
    }

    private Pod status(Pod pod, PodStatus status) {
        return client.pods().inNamespace(namespace).withName(pod.getMetadata().getName())
                .editStatus(current -> new PodBuilder(current).withStatus(status).build());
    }

    private static PodStatus scheduled(String phase, ContainerStatus component) {
        return new PodStatusBuilder().withPhase(phase).withConditions(condition("PodScheduled", "True", null, null))
                .withContainerStatuses(component).build();
    }

    private static PodCondition condition(String type, String status, String reason, String message) {
        return new PodConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastTransitionTime(Instant.now().toString()).build();
    }
}
