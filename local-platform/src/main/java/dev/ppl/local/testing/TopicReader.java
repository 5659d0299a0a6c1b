package dev.ppl.local.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import dev.ppl.contracts.Events;
import dev.ppl.contracts.lease.LeaseResourcesReleased;

/** Reads a topic of the shared test broker from the beginning until a record matches. */
public final class TopicReader {
    private TopicReader() {
    }

    /** An owner's acknowledgement of a lease close, published on that owner's topic. */
    public static LeaseResourcesReleased leaseAcknowledgement(String topic, String leaseId) {
        return first(topic, value -> Events.CODEC.decodeKnown(value).filter(LeaseResourcesReleased.class::isInstance)
                .map(LeaseResourcesReleased.class::cast).filter(ack -> ack.leaseId().equals(leaseId)), Duration.ofSeconds(40));
    }

    /** The first record value {@code match} maps to a result; fails the test when none comes in time. */
    public static <T> T first(String topic, Function<byte[], Optional<T>> match, Duration timeout) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object> of("bootstrap.servers",
                SharedInfrastructure.get().kafkaBootstrap(), "group.id", "test-reader-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    Optional<T> found = match.apply(record.value());
                    if (found.isPresent()) {
                        return found.get();
                    }
                }
            }
        }
        throw new AssertionError("no matching record on " + topic + " within " + timeout.toSeconds() + "s");
    }
}
