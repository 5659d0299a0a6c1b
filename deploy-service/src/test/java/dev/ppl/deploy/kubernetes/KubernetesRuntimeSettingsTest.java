package dev.ppl.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What a runtime's settings, a container's resources and a workload's needs accept. */
class KubernetesRuntimeSettingsTest {

    @Test
    void settingsRefuseWhatTheApiServerWouldRefuse() {
        assertThatThrownBy(() -> settings("PPL_Tests", Map.of(), "IfNotPresent", "curlimages/curl:8.11.1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("namespace:");
        assertThatThrownBy(() -> settings("ppl", Map.of("gpu type", "a100"), "IfNotPresent", "curlimages/curl:8.11.1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("node_selector:");
        assertThatThrownBy(() -> settings("ppl", Map.of(), "sometimes", "curlimages/curl:8.11.1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("image_pull_policy:");
        assertThatThrownBy(() -> settings("ppl", Map.of(), "Always", " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("file_fetcher_image:");

        KubernetesRuntimeSettings settings = new KubernetesRuntimeSettings("ppl", null, null, "Never", "busybox:1");
        assertThat(settings.nodeSelector()).isEmpty();
        assertThat(settings.defaultResources()).isEqualTo(ContainerResources.NONE);
    }

    @Test
    void aRequestAboveItsLimitOrAQuantityKubernetesCannotReadIsRefused() {
        assertThatThrownBy(() -> new ContainerResources("2", "1", null, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("cpu_request:");
        assertThatThrownBy(() -> new ContainerResources(null, null, "1Gi", "512Mi", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("memory_request:");
        assertThatThrownBy(() -> new ContainerResources(null, null, "lots", null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("memory_request:");
        assertThatThrownBy(() -> new ContainerResources(null, null, null, null, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("gpus:");
        assertThat(new ContainerResources("500m", "1", "1024Mi", "1Gi", 0).cpuRequest()).isEqualTo("500m");
    }

    @Test
    void aContainersResourcesWinOverTheDefaultsAndMoveTheDefaultThatWouldContradictThem() {
        ContainerResources defaults = new ContainerResources("250m", "1", "256Mi", "512Mi", 0);

        assertThat(ContainerResources.NONE.over(defaults)).isEqualTo(defaults);
        assertThat(new ContainerResources("500m", null, null, null, 1).over(defaults))
                .isEqualTo(new ContainerResources("500m", "1", "256Mi", "512Mi", 1));
        assertThat(new ContainerResources(null, null, "2Gi", null, 0).over(defaults))
                .isEqualTo(new ContainerResources("250m", "1", "2Gi", "2Gi", 0));
        assertThat(new ContainerResources(null, "100m", null, null, 0).over(defaults))
                .isEqualTo(new ContainerResources("100m", "100m", "256Mi", "512Mi", 0));
    }

    @Test
    void aBoundFileIsAnHttpUrlUnderASlotNameThatStaysInTheFilesDirectory() {
        assertThatThrownBy(() -> new WorkloadNeeds(Map.of("../etc/passwd", URI.create("https://files.example/x")), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("files:");
        assertThatThrownBy(() -> new WorkloadNeeds(Map.of("weights", URI.create("fl_weights")), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("files.weights:");

        WorkloadNeeds needs = new WorkloadNeeds(Map.of("b", URI.create("http://h/b"), "a", URI.create("http://h/a")), null);
        assertThat(needs.files().keySet()).containsExactly("a", "b");
        assertThat(needs.resources()).isEqualTo(ContainerResources.NONE);
    }

    private static KubernetesRuntimeSettings settings(String namespace, Map<String, String> nodeSelector, String pullPolicy,
            String fetcherImage) {
        return new KubernetesRuntimeSettings(namespace, nodeSelector, ContainerResources.NONE, pullPolicy, fetcherImage);
    }
}
