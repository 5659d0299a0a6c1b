package dev.ppl.deploy.kubernetes;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How one Kubernetes runtime runs workloads: where, on which nodes, with what defaults.
 *
 * @param namespace where every object of a deployment lives, and where its secret parameters' Secrets are
 * @param nodeSelector labels a node must have to take a workload's pod; empty for any node
 * @param defaultResources what a container asks for where its component says nothing
 * @param imagePullPolicy {@code Always}, {@code IfNotPresent} or {@code Never}, for every container
 * @param fileFetcherImage the init container's image, which fetches a workload's bound files; it must have
 *        {@code curl} on its {@code PATH} (e.g. {@code curlimages/curl})
 */
public record KubernetesRuntimeSettings(String namespace, Map<String, String> nodeSelector,
        ContainerResources defaultResources, String imagePullPolicy, String fileFetcherImage) {

    private static final Set<String> PULL_POLICIES = Set.of("Always", "IfNotPresent", "Never");

    public KubernetesRuntimeSettings {
        if (!KubernetesNames.isDnsLabel(namespace)) {
            throw new IllegalArgumentException(
                    "namespace: a DNS-1123 label (lowercase letters, digits and '-', at most 63), got '" + namespace + "'");
        }
        nodeSelector = Collections.unmodifiableMap(new TreeMap<>(nodeSelector == null ? Map.of() : nodeSelector));
        nodeSelector.forEach((key, value) -> {
            if (!KubernetesNames.isLabelKey(key) || !KubernetesNames.isLabelValue(value)) {
                throw new IllegalArgumentException(
                        "node_selector: label keys and values Kubernetes accepts, got '" + key + "': '" + value + "'");
            }
        });
        defaultResources = defaultResources == null ? ContainerResources.NONE : defaultResources;
        if (!PULL_POLICIES.contains(imagePullPolicy)) {
            throw new IllegalArgumentException(
                    "image_pull_policy: one of Always, IfNotPresent, Never, got '" + imagePullPolicy + "'");
        }
        if (fileFetcherImage == null || fileFetcherImage.isBlank()
                || fileFetcherImage.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("file_fetcher_image: an image reference, got '" + fileFetcherImage + "'");
        }
    }
}
