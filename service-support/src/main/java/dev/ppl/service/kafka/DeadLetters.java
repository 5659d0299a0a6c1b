package dev.ppl.service.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.ppl.contracts.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sets aside a record a consumer cannot handle: it goes, unchanged, to the topic's dead-letter topic
 * ({@link Topics#deadLetter}) with headers saying where it came from and why, so the consumer can go on
 * and an operator can read, fix and replay it. Call it from a worker thread: it waits for the broker.
 */
@ApplicationScoped
public class DeadLetters {
    /** Where the record was read: its topic, partition and offset. */
    public static final String TOPIC_HEADER = "ppl.dlq.topic";
    public static final String PARTITION_HEADER = "ppl.dlq.partition";
    public static final String OFFSET_HEADER = "ppl.dlq.offset";
    /** Why it was set aside: the exception's class and message, at most {@link #MAX_ERROR_BYTES}. */
    public static final String ERROR_HEADER = "ppl.dlq.error";
    /** When it was set aside, ISO-8601. */
    public static final String AT_HEADER = "ppl.dlq.at";
    /** The counter of records set aside, tagged {@code topic} with the topic they were read from. */
    public static final String COUNTER = "ppl.dead.lettered.records";
    /** A header stays far below a record's size limit whatever an exception's message holds. */
    static final int MAX_ERROR_BYTES = 1024;

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final KafkaProducer<String, byte[]> producer;
    private final MeterRegistry metrics;

    public DeadLetters(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap, MeterRegistry metrics) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.metrics = metrics;
    }

    /**
     * Logs the record once (never its value, which may be a tenant's data or huge), counts it, and writes
     * it to {@code <topic>.dlq}; answers when the broker has it, so the caller may commit past it.
     */
    public void setAside(String topic, int partition, long offset, String key, byte[] value, Throwable why) {
        String error = describe(why);
        LOG.warnf("setting aside %s-%d@%d: %s", topic, partition, offset, error);
        Counter.builder(COUNTER).description("Records a consumer could not handle, written to <topic>.dlq")
                .tag("topic", topic).register(metrics).increment();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.deadLetter(topic), key, value);
        Headers headers = record.headers();
        headers.add(TOPIC_HEADER, utf8(topic));
        headers.add(PARTITION_HEADER, utf8(Integer.toString(partition)));
        headers.add(OFFSET_HEADER, utf8(Long.toString(offset)));
        headers.add(ERROR_HEADER, utf8(error));
        headers.add(AT_HEADER, utf8(Instant.now().toString()));
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting aside " + topic + "-" + partition + "@" + offset,
                    e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("setting aside " + topic + "-" + partition + "@" + offset + " failed",
                    e.getCause());
        }
    }

    /** The exception's class and message, cut to {@link #MAX_ERROR_BYTES} UTF-8 bytes on a character boundary. */
    static String describe(Throwable why) {
        String text = why.getClass().getName() + (why.getMessage() == null ? "" : ": " + why.getMessage());
        byte[] bytes = utf8(text);
        if (bytes.length <= MAX_ERROR_BYTES) {
            return text;
        }
        int end = MAX_ERROR_BYTES;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
