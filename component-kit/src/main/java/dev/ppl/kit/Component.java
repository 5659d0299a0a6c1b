package dev.ppl.kit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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

import dev.ppl.pipelang.Type;
import dev.ppl.pipelang.Types;

/**
 * A component's view of its typed streams: read input records (JSON values, or raw bytes for media) with their
 * request id, transform, write outputs keeping the request id; its parameters, secrets, bound files and output
 * directory. The same code runs under every runtime; only the environment differs.
 */
public final class Component implements AutoCloseable {
    public static final String TYPE_HEADER = "ppl-type";
    public static final String REQUEST_ID_HEADER = "ppl-request-id";

    private static final Logger LOG = LoggerFactory.getLogger(Component.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String SECRET_PREFIX = "PPL_SECRET_";

    private final ComponentEnvironment env;
    /** Kept apart from {@link ComponentEnvironment}, whose {@code toString} would print them. */
    private final Map<String, String> secrets;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;

    private Component(ComponentEnvironment env, Map<String, String> secrets) {
        this.env = env;
        this.secrets = Map.copyOf(secrets);
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
        Map<String, String> secrets = new HashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(SECRET_PREFIX) && value != null) {
                secrets.put(name, value);
            }
        });
        return new Component(ComponentEnvironment.from(env), secrets);
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
     * The path of the file bound to a slot of the component's {@code file_schema} ({@code $PPL_FILES_DIR/<slot>});
     * the runtime fetched it before the component started.
     */
    public Path file(String slot) {
        if (env.filesDir() == null) {
            throw new IllegalStateException("PPL_FILES_DIR is not set: this runtime binds no files");
        }
        Path file = env.filesDir().resolve(slot).normalize();
        if (!file.startsWith(env.filesDir()) || file.equals(env.filesDir())) {
            throw new IllegalArgumentException("file slot '" + slot + "' leaves the files directory");
        }
        return file;
    }

    /**
     * The value of a parameter declared {@code secret: true}: the runtime hands it over as the variable
     * {@code PPL_SECRET_<PARAM>}, never in {@code PPL_PARAMS}; empty when it is not set.
     */
    public Optional<String> secret(String param) {
        return Optional.ofNullable(secrets.get(SECRET_PREFIX + param.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_")));
    }

    /**
     * Runs a one-input, one-output transform of JSON values until {@link #stop()} or SIGTERM: each input record's
     * JSON value goes through {@code transform}, and the result is written to every topic of output 0. A record
     * whose value is media is skipped (logged): {@link #runMessages} reads those.
     */
    public void run(Function<JsonNode, JsonNode> transform) {
        runMessages(message -> {
            if (message.value() instanceof Value.Json json) {
                JsonNode result = transform.apply(json.node());
                return result == null ? null : Value.json(result);
            }
            LOG.warn("skipping request {}: its {} value is media and this component reads JSON", message.requestId(),
                    message.type());
            return null;
        });
    }

    /**
     * Runs a one-input, one-output transform of typed messages until {@link #stop()} or SIGTERM. Each input record
     * becomes a {@link Message} by its {@code ppl-type} header (raw bytes for media types, JSON otherwise); the
     * transform's value, if not null, is written to every topic of output 0 with the input's request id, as JSON or
     * raw bytes. A record that is not what its type says (no value, or not JSON) is skipped (logged), not fatal.
     */
    public void runMessages(Function<Message, Value> transform) {
        if (env.inputs().isEmpty()) {
            throw new IllegalStateException("input 0 is not connected (PPL_INPUT_0_TOPIC is not set)");
        }
        ComponentEnvironment.Input input = env.inputs().get(0);
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
            consumer.subscribe(List.of(input.topic()));
            LOG.info("vertex {} reading {} writing {}", env.vertexId(), input.topic(), outputTopics);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Message message = message(record, input.type());
                    if (message != null) {
                        Value result = transform.apply(message);
                        if (result != null) {
                            write(outputTopics, outputType(outputType, message), message.requestId(), result);
                        }
                    }
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

    /**
     * The type an output record carries: the port's declared type, unless that is a bare type variable
     * ({@code t} of a {@code t → t} component), which says nothing a reader can use, so the input's type is kept.
     */
    static String outputType(String declared, Message input) {
        try {
            return Types.parse(declared) instanceof Type.Var ? input.type() : declared;
        } catch (RuntimeException e) {
            return declared;
        }
    }

    private void write(List<String> topics, String type, String requestId, Value value) {
        byte[] bytes;
        if (value instanceof Value.Media media) {
            bytes = media.bytes();
        } else {
            try {
                bytes = JSON.writeValueAsBytes(((Value.Json) value).node());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (String topic : topics) {
            ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(topic, bytes);
            out.headers().add(TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
            out.headers().add(REQUEST_ID_HEADER, requestId.getBytes(StandardCharsets.UTF_8));
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

    /**
     * The record as a message, or null (logged) for one that is not what its type says: it is skipped, not fatal.
     * The type is the record's {@code ppl-type} header, else the input port's declared type; a record without a
     * request id gets a fresh one, so its outputs can still be told apart.
     */
    static Message message(ConsumerRecord<byte[], byte[]> record, String declaredType) {
        String type = header(record, TYPE_HEADER);
        if (type == null || type.isBlank()) {
            type = declaredType;
        }
        String requestId = header(record, REQUEST_ID_HEADER);
        if (requestId == null || requestId.isBlank()) {
            requestId = UUID.randomUUID().toString();
        }
        String problem;
        if (record.value() == null || record.value().length == 0) {
            problem = "it has no value";
        } else if (Value.isMedia(type)) {
            return new Message(requestId, type, Value.media(record.value()));
        } else {
            try {
                return new Message(requestId, type, Value.json(JSON.readTree(record.value())));
            } catch (IOException e) {
                problem = "it is not JSON: " + e.getMessage();
            }
        }
        LOG.warn("skipping a record of type {} at {}-{}@{}: {}", type, record.topic(), record.partition(), record.offset(),
                problem);
        return null;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
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
