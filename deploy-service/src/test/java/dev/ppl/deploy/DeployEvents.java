package dev.ppl.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.ppl.contracts.Events;
import dev.ppl.contracts.Ids;
import dev.ppl.contracts.Topics;
import dev.ppl.local.testing.SharedInfrastructure;

/** What the tests read back: one deployment's events on {@code ppl.deploy.events}, its processes' pid files. */
public final class DeployEvents {
    private DeployEvents() {
    }

    /**
     * The deployment's events of one type, in order, read from the start of the topic until {@code enough}
     * holds for them or 30 s pass.
     */
    public static <T> List<T> of(String deploymentId, Class<T> type, Predicate<List<T>> enough) {
        List<T> found = new ArrayList<>();
        try (var consumer = consumer()) {
            consumer.subscribe(List.of(Topics.DEPLOY_EVENTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!enough.test(found) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    if (deploymentId.equals(r.key())) {
                        Events.CODEC.decodeKnown(r.value()).filter(type::isInstance).map(type::cast).ifPresent(found::add);
                    }
                }
            }
        }
        return found;
    }

    public static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.<String, Object> of("bootstrap.servers", SharedInfrastructure.get().kafkaBootstrap(),
                "group.id", Ids.next("test"), "auto.offset.reset", "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    /** The pid in a container's pid file under the tests' data dir. */
    public static long pid(String containerId) throws Exception {
        return Long.parseLong(Files.readAllLines(pidFile(containerId)).get(0).strip());
    }

    public static Path pidFile(String containerId) {
        return Path.of("target/ppl-data/processes", containerId + ".pid");
    }

    public static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
