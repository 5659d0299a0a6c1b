package dev.ppl.kit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A component's view of its typed streams: read input records with their request id, transform, write
 * outputs keeping the request id. The same code runs under every runtime; only the environment differs.
 */
public final class Component implements AutoCloseable {
    public static final String TYPE_HEADER = "ppl-type";
    public static final String REQUEST_ID_HEADER = "ppl-request-id";

    private static final Logger LOG = LoggerFactory.getLogger(Component.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ComponentEnvironment env;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;

    private Component(ComponentEnvironment env) {
        this.env = env;
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafkaBootstrap());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, env.consumerGroup());
        // Topics are fresh per deployment: reading from the start means a record posted while this process
        // was still starting is processed, not skipped.
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafkaBootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    public static Component fromEnvironment() {
        return of(System.getenv());
    }

    public static Component of(Map<String, String> env) {
        return new Component(ComponentEnvironment.from(env));
    }

    public ComponentEnvironment environment() {
        return env;
    }

    /** Parameter name to pipelang literal, defaults filled in by the runtime. */
    public Map<String, String> params() {
        return env.params();
    }

    /** A String parameter's text, or the fallback when the parameter is absent. */
    public String stringParam(String name, String fallback) {
        String literal = env.params().get(name);
        return literal == null ? fallback : Literals.string(literal);
    }

    /**
     * Writes (replaces) a file under the output directory, where {@code ppl lease collect-outputs} finds it by
     * {@code key} (a manifest's {@code output_files[].key}); written to a temporary name first, so a collector
     * never reads half a file.
     */
    public void writeOutputFile(String key, byte[] content) {
        if (env.outputDir() == null) {
            throw new IllegalStateException("PPL_OUTPUT_DIR is not set: this runtime collects no output files");
        }
        Path file = env.outputDir().resolve(key).normalize();
        if (!file.startsWith(env.outputDir()) || file.equals(env.outputDir())) {
            throw new IllegalArgumentException("output file key '" + key + "' leaves the output directory");
        }
        try {
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.write(partial, content);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs a one-input, one-output transform until {@link #stop()} or SIGTERM: each input record's JSON
     * value goes through {@code transform}, and the result is written to every topic of output 0.
     */
    public void run(Function<JsonNode, JsonNode> transform) {
        if (env.inputs().isEmpty()) {
            throw new IllegalStateException("input 0 is not connected (PPL_INPUT_0_TOPIC is not set)");
        }
        List<String> outputTopics = env.outputs().isEmpty() ? List.of() : env.outputs().get(0).topics();
        String outputType = env.outputs().isEmpty() ? "t" : env.outputs().get(0).type();
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            stop();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                main.interrupt();
            }
        }, "ppl-component-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            consumer.subscribe(List.of(env.inputs().get(0).topic()));
            LOG.info("vertex {} reading {} writing {}", env.vertexId(), env.inputs().get(0).topic(), outputTopics);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    process(record, transform, outputTopics, outputType);
                }
                consumer.commitSync();
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            close();
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down and the hook is what stopped us.
            }
        }
    }

    private void process(ConsumerRecord<byte[], byte[]> record, Function<JsonNode, JsonNode> transform,
            List<String> outputTopics, String outputType) {
        JsonNode value = json(record);
        if (value == null) {
            return;
        }
        Header requestHeader = record.headers().lastHeader(REQUEST_ID_HEADER);
        byte[] requestId = requestHeader != null ? requestHeader.value()
                : UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
        JsonNode result = transform.apply(value);
        if (result == null) {
            return;
        }
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (String topic : outputTopics) {
            ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(topic, bytes);
            out.headers().add(TYPE_HEADER, outputType.getBytes(StandardCharsets.UTF_8));
            out.headers().add(REQUEST_ID_HEADER, requestId);
            sends.add(producer.send(out));
        }
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing an output", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("writing an output failed", e.getCause());
            }
        }
    }

    /** The record's JSON value, or null (logged) for one that carries none: it is skipped, not fatal. */
    private static JsonNode json(ConsumerRecord<byte[], byte[]> record) {
        String problem;
        if (record.value() == null || record.value().length == 0) {
            problem = "it has no value";
        } else {
            try {
                return JSON.readTree(record.value());
            } catch (IOException e) {
                problem = e.getMessage();
            }
        }
        LOG.warn("skipping a record at {}-{}@{} that is not JSON: {}", record.topic(), record.partition(), record.offset(),
                problem);
        return null;
    }

    /** Asks {@link #run} to finish its current batch and return. */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        consumer.close(Duration.ofSeconds(5));
    }
}
