package dev.ppl.lease.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;

import dev.ppl.contracts.Events;
import dev.ppl.contracts.codec.Message;

/** Plain Kafka clients on the test broker: what the other services would publish, and what this one did. */
public final class Kafka {
    private Kafka() {
    }

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** Publishes an event as its owner would, and waits for the broker to take it. */
    public static void publish(String topic, String key, Message event) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, Events.CODEC.encodeBytes(event))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Waits until the topic holds a record with this key whose event matches, and answers it. */
    public static <T extends Message> T await(String topic, String key, Class<T> type, Predicate<T> matching) {
        List<Message> found = keyedUntil(topic, key,
                events -> events.stream().anyMatch(e -> type.isInstance(e) && matching.test(type.cast(e))));
        return found.stream().filter(type::isInstance).map(type::cast).filter(matching).findFirst().orElseThrow();
    }

    /** The events of one key on a topic, in order, once one of type {@code last} is among them. */
    public static List<Message> keyed(String topic, String key, Class<? extends Message> last) {
        return keyedUntil(topic, key, events -> events.stream().anyMatch(last::isInstance));
    }

    private static List<Message> keyedUntil(String topic, String key, Predicate<List<Message>> done) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "lease-service-test-" + UUID.randomUUID());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<Message> found = new ArrayList<>();
            Awaitility.await().pollInSameThread().atMost(Duration.ofSeconds(20)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        Events.CODEC.decodeKnown(record.value()).ifPresent(found::add);
                    }
                }
                return done.test(found);
            });
            return found;
        }
    }
}
