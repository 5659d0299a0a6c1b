package dev.ppl.local.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.utils.Time;

import dev.ppl.contracts.Topics;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real Kafka broker (KRaft, combined broker and controller) inside this JVM. Its log lives in the
 * given directory, formatted once, so a restart keeps every topic and record.
 */
public final class KafkaBroker implements AutoCloseable {
    /** The platform's topics and their partition counts. */
    public static final Map<String, Integer> PLATFORM_TOPICS = Map.of(Topics.BACKEND_OPERATIONS, 3,
            Topics.BACKEND_COMMANDS, 3, Topics.BACKEND_REPLIES, 3, Topics.CATALOG_EVENTS, 1, Topics.LEASE_EVENTS, 1,
            Topics.DEPLOY_EVENTS, 1, Topics.GATEWAY_EVENTS, 1);
    /**
     * The dead-letter topic of every platform topic, one partition each: a record set aside is rare and read
     * by an operator, and creating them here means a consumer never waits for a topic to appear.
     */
    public static final Set<String> DEAD_LETTER_TOPICS = PLATFORM_TOPICS.keySet().stream().map(Topics::deadLetter)
            .collect(Collectors.toUnmodifiableSet());

    private final Properties config;
    private final String bootstrap;
    /** Replaced by {@link #startAgain()}: a Kafka server does not start again once shut down. */
    private volatile KafkaRaftServer server;

    private KafkaBroker(Properties config, KafkaRaftServer server, String bootstrap) {
        this.config = config;
        this.server = server;
        this.bootstrap = bootstrap;
    }

    public static KafkaBroker start(Path dir, int port, int controllerPort) {
        Properties p = new Properties();
        p.put("node.id", "1");
        p.put("process.roles", "broker,controller");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dir.resolve("log").toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "3");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Abort a dead producer's timed-out transaction within a second of its timeout, not ten.
        p.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
        p.put("auto.create.topics.enable", "true");
        p.put("num.partitions", "1");
        p.put("delete.topic.enable", "true");
        try {
            Files.createDirectories(dir);
            if (!Files.exists(dir.resolve("log/meta.properties"))) {
                format(dir, p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KafkaBroker broker = new KafkaBroker(p, launch(p), "127.0.0.1:" + port);
        try {
            broker.awaitReady();
        } catch (RuntimeException e) {
            broker.stop();
            throw e;
        }
        return broker;
    }

    private static KafkaRaftServer launch(Properties p) {
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(p), Time.SYSTEM);
        server.startup();
        return server;
    }

    /**
     * Stops the broker, as an outage would: clients keep their connections' addresses and reconnect when
     * {@link #startAgain()} brings it back on the same ports with the same log.
     */
    public void stopInPlace() {
        stop();
    }

    /** Starts the broker stopped by {@link #stopInPlace()} again, on the same ports and log; answers once it serves. */
    public void startAgain() {
        server = launch(config);
        awaitReady();
    }

    /** Formats the log directory, as {@code kafka-storage.sh format} does, without exiting the JVM. */
    private static void format(Path dir, Properties p) throws IOException {
        Path config = dir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(config)) {
            p.store(out, "written by ppl's local platform to format the log directory");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int code = StorageTool.execute(new String[] { "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString() },
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (code != 0) {
            throw new IllegalStateException("formatting the Kafka log failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    private void awaitReady() {
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the Kafka broker at " + bootstrap + " did not become ready", e);
        }
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    /**
     * Topics whose records are the source of truth and are replayed from the beginning (a rebuild, a writer
     * taking a partition over): kept forever, where the broker's default would delete them after a week.
     */
    private static final Map<String, String> KEPT_FOREVER = Map.of("retention.ms", "-1", "retention.bytes", "-1");

    /**
     * Creates the platform's topics and their dead-letter topics that do not exist yet, and keeps the operation log forever
     * (set every time,
     * so a topic created before that setting existed gets it too).
     */
    public void createTopics() {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = PLATFORM_TOPICS.entrySet().stream().filter(t -> !existing.contains(t.getKey()))
                    .map(t -> new NewTopic(t.getKey(), t.getValue(), (short) 1)).collect(Collectors.toList());
            DEAD_LETTER_TOPICS.stream().filter(t -> !existing.contains(t)).map(t -> new NewTopic(t, 1, (short) 1))
                    .forEach(missing::add);
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
            ConfigResource log = new ConfigResource(ConfigResource.Type.TOPIC, Topics.BACKEND_OPERATIONS);
            List<AlterConfigOp> keep = KEPT_FOREVER.entrySet().stream()
                    .map(c -> new AlterConfigOp(new ConfigEntry(c.getKey(), c.getValue()), AlterConfigOp.OpType.SET)).toList();
            admin.incrementalAlterConfigs(Map.of(log, keep)).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("creating the platform's topics failed", e);
        }
    }

    private Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(60).toMillis());
        return Admin.create(p);
    }

    /** {@link #stop()}, for try-with-resources. */
    @Override
    public void close() {
        stop();
    }

    public void stop() {
        server.shutdown();
        server.awaitShutdown();
    }
}
