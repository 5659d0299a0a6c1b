package dev.ppl.service.kafka;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.ppl.contracts.Events;
import dev.ppl.contracts.codec.Message;

/**
 * Publishes a service's events, encoded by {@link Events#CODEC}, and waits for the broker's
 * acknowledgement ({@code acks=all}, idempotent): when it returns, the event is durable. Call it from a
 * worker thread.
 */
@ApplicationScoped
public class EventPublisher {
    private final KafkaProducer<String, byte[]> producer;

    public EventPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    public RecordMetadata publish(String topic, String key, Message event) {
        try {
            return producer.send(new ProducerRecord<>(topic, key, Events.CODEC.encodeBytes(event))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + event, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("publishing to " + topic + " failed", e.getCause());
        }
    }

    /**
     * Hands the event to the producer and answers without waiting for the broker. Events handed over one
     * after another reach a partition in that order (the producer is idempotent), so a caller can send a
     * batch and wait for all of them at once.
     */
    public Future<RecordMetadata> publishAsync(String topic, String key, Message event) {
        return producer.send(new ProducerRecord<>(topic, key, Events.CODEC.encodeBytes(event)));
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
