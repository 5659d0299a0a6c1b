package dev.ppl.gateway.harness;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The input harness's side of the data plane: one HTTP body becomes one record on each output topic. */
@ApplicationScoped
public class HarnessProducer {
    public static final String TYPE_HEADER = "ppl-type";
    public static final String REQUEST_ID_HEADER = "ppl-request-id";

    private final KafkaProducer<byte[], byte[]> producer;

    public HarnessProducer(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Writes the value to every topic and waits for the acks; answers the request id it carries. */
    public String send(List<String> topics, String type, byte[] value) {
        String requestId = UUID.randomUUID().toString();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (String topic : topics) {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, value);
            record.headers().add(TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
            record.headers().add(REQUEST_ID_HEADER, requestId.getBytes(StandardCharsets.UTF_8));
            sends.add(producer.send(record));
        }
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("writing to the data plane failed", e.getCause());
            }
        }
        return requestId;
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
