package dev.ppl.local.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.ppl.contracts.Topics;

/**
 * Garbage a hostile or broken producer could write onto a platform topic, and what the consumers set aside
 * in its dead-letter topic. Each garbage record gets a key of its own, so a test finds its record in the
 * dead-letter topic by that key.
 */
public final class PoisonRecords {
    /** Text that is not JSON. */
    public static final byte[] NOT_JSON = utf8("this is not JSON {");
    /** A JSON object without a {@code type}. */
    public static final byte[] NO_TYPE = utf8("{\"lease_id\":\"ls_nothing\"}");
    /** A well-formed record of a type no version of the platform knows. */
    public static final byte[] UNKNOWN_TYPE = utf8("{\"type\":\"poison.never_heard_of.v1\",\"lease_id\":\"ls_nothing\"}");

    private PoisonRecords() {
    }

    /** A record of a known wire type with none of its fields. */
    public static byte[] knownTypeWithoutFields(String wireType) {
        return utf8("{\"type\":\"" + wireType + "\"}");
    }

    /** Writes the value under a fresh key and answers the key. */
    public static String produce(String topic, byte[] value) {
        String key = "poison-" + UUID.randomUUID();
        produce(topic, key, value);
        return key;
    }

    /** Writes the value under this key, as any producer with access to the topic could. */
    public static void produce(String topic, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.<String, Object> of("bootstrap.servers", SharedInfrastructure.get().kafkaBootstrap()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The record set aside under this key in {@code topic}'s dead-letter topic; fails the test when none comes in time. */
    public static ConsumerRecord<String, byte[]> deadLettered(String topic, String key) {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.deadLetter(topic)));
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    if (key.equals(record.key())) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("nothing set aside under " + key + " in " + Topics.deadLetter(topic) + " within 40s");
    }

    /** The keys of everything set aside so far in {@code topic}'s dead-letter topic. */
    public static List<String> deadLetteredKeys(String topic) {
        return keys(SharedInfrastructure.get().kafkaBootstrap(), Topics.deadLetter(topic));
    }

    /** The keys of everything in {@code topic} of the broker at {@code bootstrap}, from its beginning to its current end. */
    public static List<String> keys(String bootstrap, String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<String> keys = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(300)).forEach(record -> keys.add(record.key()));
            }
            return keys;
        }
    }

    /** A header of a record set aside, as text. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null) {
            throw new AssertionError("no header " + name + " among " + Arrays.toString(record.headers().toArray()));
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        return consumer(SharedInfrastructure.get().kafkaBootstrap());
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.<String, Object> of("bootstrap.servers", bootstrap, "group.id",
                "poison-reader-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
