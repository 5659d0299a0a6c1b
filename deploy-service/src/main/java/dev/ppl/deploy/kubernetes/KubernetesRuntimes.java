package dev.ppl.deploy.kubernetes;

import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import dev.ppl.deploy.DeployConfig;
import dev.ppl.deploy.runtime.RuntimeDrivers;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/** One {@link KubernetesDriver} per runtime under {@code ppl.deploy.kubernetes}, each with its own client. */
@ApplicationScoped
public class KubernetesRuntimes implements RuntimeDrivers {
    private final List<KubernetesDriver> drivers;

    public KubernetesRuntimes(DeployConfig config, Vertx vertx) {
        VertxHttpClientFactory http = new VertxHttpClientFactory(vertx);
        this.drivers = config.kubernetes().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(runtime -> driver(runtime.getKey(), runtime.getValue(), http,
                        Math.toIntExact(config.maxLogLineBytes().asLongValue())))
                .toList();
    }

    @Override
    public List<KubernetesDriver> drivers() {
        return drivers;
    }

    /** Before the deployments resume theirs, so a container taken over is reported from the start. */
    void watch(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent startup) {
        drivers.forEach(KubernetesDriver::watch);
    }

    @PreDestroy
    void close() {
        drivers.forEach(KubernetesDriver::close);
    }

    private static KubernetesDriver driver(String id, DeployConfig.KubernetesRuntime runtime, VertxHttpClientFactory http,
            int maxLogLineBytes) {
        KubernetesRuntimeSettings settings;
        try {
            settings = new KubernetesRuntimeSettings(runtime.namespace(), runtime.nodeSelector(),
                    new ContainerResources(runtime.cpuRequest().orElse(null), runtime.cpuLimit().orElse(null),
                            runtime.memoryRequest().orElse(null), runtime.memoryLimit().orElse(null), 0),
                    runtime.imagePullPolicy(), runtime.fileFetcherImage());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("ppl.deploy.kubernetes." + id + ": " + e.getMessage(), e);
        }
        ConfigBuilder config = new ConfigBuilder(Config.autoConfigure(runtime.context().orElse(null)))
                .withNamespace(settings.namespace())
                .withTrustCerts(runtime.trustCerts());
        runtime.masterUrl().ifPresent(config::withMasterUrl);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config.build()).withHttpClientFactory(http).build();
        return new KubernetesDriver(id, settings, client, runtime.kafkaBootstrap(), runtime.gatewayUrl(),
                maxLogLineBytes);
    }
}
