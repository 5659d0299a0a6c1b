package dev.ppl.operations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.ppl.contracts.Events;
import dev.ppl.contracts.Ids;
import dev.ppl.contracts.Topics;
import dev.ppl.contracts.backend.BackendEvent;
import dev.ppl.local.testing.SharedInfrastructure;

/** A backend's records on the operation log itself (read_committed), not the projection's copy of them. */
public final class OperationLogRecords {
    private OperationLogRecords() {
    }

    public static List<BackendEvent> eventsOf(String backend, int expected) {
        return recordsOf(backend, expected).stream().map(r -> (BackendEvent) Events.CODEC.decode(r.value())).toList();
    }

    /** Reads until {@code expected} records of the backend are in (or 20 s), then once more to catch any beyond. */
    static List<ConsumerRecord<String, byte[]>> recordsOf(String backend, int expected) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object> of("bootstrap.servers",
                SharedInfrastructure.get().kafkaBootstrap(), "group.id", Ids.next("test"), "auto.offset.reset", "earliest",
                "isolation.level", "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.BACKEND_OPERATIONS));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                poll(consumer, backend, records, Duration.ofMillis(300));
            }
            // One more poll: nothing beyond what was expected may have been appended.
            poll(consumer, backend, records, Duration.ofMillis(500));
        }
        return records;
    }

    private static void poll(KafkaConsumer<String, byte[]> consumer, String backend, List<ConsumerRecord<String, byte[]>> into,
            Duration timeout) {
        consumer.poll(timeout).forEach(r -> {
            if (backend.equals(r.key())) {
                into.add(r);
            }
        });
    }
}
