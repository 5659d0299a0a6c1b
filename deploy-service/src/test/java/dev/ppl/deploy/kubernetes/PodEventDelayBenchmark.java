package dev.ppl.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.ppl.contracts.Events;
import dev.ppl.contracts.Topics;
import dev.ppl.contracts.deploy.ContainerStatusChanged;
import dev.ppl.deploy.DeployEvents;
import dev.ppl.deploy.TestGraphs;
import dev.ppl.deploy.deployment.DeployRequest;
import dev.ppl.deploy.deployment.DeploymentService;
import dev.ppl.deploy.deployment.DeploymentView;
import dev.ppl.local.testing.PlatformTestResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Benchmark, not part of the suite (run by {@code bin/bench-pod-events}): how long after a pod's status
 * changes on the API server its {@code container} event is on {@code ppl.deploy.events}. Each sample writes
 * one status (the component waiting with a new message) and waits for the event carrying that message,
 * read by a consumer assigned to the topic's partitions; the clock starts before the write is sent, so
 * the figure includes the write's own round trip. The whole path is real but the kubelet: the informer's
 * watch, the report, the container row in PostgreSQL, the event produced to Kafka and consumed again.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KubernetesApiServerResource.class, restrictToAnnotatedClass = true)
class PodEventDelayBenchmark {
    private static final String WS = "ws_podbench";

    @KubernetesApiServerResource.ApiServer
    KubernetesMockServer server;
    @Inject
    DeploymentService deployments;

    @Test
    void measuresTheDelayFromAPodStatusChangeToItsContainerEvent() throws Exception {
        int warmup = Integer.getInteger("bench.warmup", 200);
        int samples = Integer.getInteger("bench.samples", 1000);
        Map<String, Long> received = new ConcurrentHashMap<>();
        AtomicBoolean done = new AtomicBoolean();
        try (KubernetesClient client = server.createClient();
                KafkaConsumer<String, byte[]> consumer = DeployEvents.consumer()) {
            Kubelet kubelet = new Kubelet(client, KubernetesApiServerResource.NAMESPACE);
            DeploymentView d = deployments.deployGraph(WS,
                    new DeployRequest("bk_podbench", KubernetesApiServerResource.RUNTIME, null, null), TestGraphs.imageOnly());
            Pod pod = kubelet.createPod(kubelet.deploymentsOf(d.deploymentId(), 1).get(0));
            kubelet.running(pod, 0);

            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DEPLOY_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            Thread reader = new Thread(() -> {
                while (!done.get()) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                        long at = System.nanoTime();
                        Events.CODEC.decodeKnown(r.value()).filter(ContainerStatusChanged.class::isInstance)
                                .map(ContainerStatusChanged.class::cast).filter(e -> e.message() != null)
                                .ifPresent(e -> received.put(e.message(), at));
                    }
                }
            }, "bench-events");
            reader.start();

            long[] delays = new long[samples];
            for (int i = 0; i < warmup + samples; i++) {
                String message = "step " + i;
                long sent = System.nanoTime();
                kubelet.waiting(pod, "ContainerCreating", message);
                String expected = "ContainerCreating: " + message;
                Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                        .until(() -> received.containsKey(expected));
                if (i >= warmup) {
                    delays[i - warmup] = received.get(expected) - sent;
                }
            }
            done.set(true);
            reader.join();
            deployments.undeploy(WS, d.deploymentId(), "client");

            assertThat(Arrays.stream(delays).min().orElse(0)).isPositive();
            report(warmup, delays);
        }
    }

    private static void report(int warmup, long[] delays) throws IOException {
        long[] sorted = delays.clone();
        Arrays.sort(sorted);
        List<String> lines = new ArrayList<>();
        lines.add("Pod status change → container event, " + LocalDate.now() + ", " + sorted.length + " samples after "
                + warmup + " warm-up, " + Runtime.getRuntime().availableProcessors() + " cores");
        lines.add("| samples | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) | goal |");
        lines.add("| --- | --- | --- | --- | --- | --- |");
        double p99 = millis(percentile(sorted, 0.99));
        lines.add("| %d | %.2f | %.2f | %.2f | %.2f | p99 ≤ 100 ms: %s |".formatted(sorted.length,
                millis(percentile(sorted, 0.50)), millis(percentile(sorted, 0.90)), p99, millis(sorted[sorted.length - 1]),
                p99 <= 100 ? "met" : "missed"));
        Path out = Path.of("target/benchmarks/pod-event-delay.md");
        Files.createDirectories(out.getParent());
        Files.write(out, lines);
        lines.forEach(System.out::println);
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
