package dev.ppl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.cli.CliContext;
import dev.ppl.cli.Ppl;
import dev.ppl.contracts.Ids;
import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.local.testing.PoisonRecords;

/**
 * Drives the real local platform the way a user does: the CLI's own code, in-process, with its own
 * working directory and {@code PPL_HOME}, against the service JVMs it starts.
 */
final class LocalPlatformHarness {
    final Path repo = Path.of(System.getProperty("ppl.repo", "..")).toAbsolutePath().normalize();
    final Path pplHome;
    final int portBase;
    /** HTTP/1.1, as curl and CI scripts speak it: a body refused while it streams in is then answered, not reset. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    LocalPlatformHarness() {
        try {
            pplHome = Files.createTempDirectory("ppl-e2e-home");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        portBase = freePortBlock();
    }

    Path dataDir() {
        return pplHome.resolve("local");
    }

    Path uppercase() {
        return example("uppercase");
    }

    /** The folder of an example component, where its {@code tests/live-test.yml} runs from. */
    Path example(String name) {
        return repo.resolve("examples").resolve(name);
    }

    Run ppl(Path cwd, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("PPL_HOME", pplHome.toString());
        env.put("PPL_REPO", repo.toString());
        env.remove("PPL_GATEWAY_URL");
        env.remove("PPL_TOKEN");
        int code = Ppl.run(args, new CliContext(env, cwd, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Run up() {
        return ppl(repo, "local", "up", "--port-base", String.valueOf(portBase));
    }

    Run down() {
        return ppl(repo, "local", "down");
    }

    /** Removes this run's PPL_HOME (its data dir holds a PostgreSQL cluster and a Kafka log); call after {@link #down()}. */
    void deleteHome() {
        try (Stream<Path> paths = Files.walk(pplHome)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode config() {
        return readJson(pplHome.resolve("config.json"));
    }

    /** A GET on the public API with the workspace token, or with the given one (null: none). */
    HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config().get("gateway_url").asText() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A POST of a JSON body on the public API with the workspace token. */
    HttpResponse<String> post(String path, String json) {
        return post(path, json, config().get("token").asText());
    }

    /** A POST of a JSON body on the public API with this token. */
    HttpResponse<String> post(String path, String json, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(config().get("gateway_url").asText() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Uploads bytes as a file of the workspace ({@code POST /v1/files}); answers its file id. */
    String upload(String name, String mediaType, byte[] content) {
        HttpRequest request = HttpRequest
                .newBuilder(URI.create(config().get("gateway_url").asText() + "/v1/files?name=" + name))
                .header("Authorization", "Bearer " + config().get("token").asText()).header("Content-Type", mediaType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            return JsonCodec.mapper().readTree(response.body()).at("/data/file_id").asText();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path) {
        return get(path, config().get("token").asText());
    }

    /** A GET on a service's internal API, to check what no longer exists anywhere. */
    HttpResponse<String> internal(int portOffset, String path, String workspaceId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (portBase + portOffset) + path))
                .header("X-Ppl-Workspace", workspaceId).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A DELETE on a service's internal API; answers the status. */
    int internalDelete(int portOffset, String path, String workspaceId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (portBase + portOffset) + path))
                .header("X-Ppl-Workspace", workspaceId).DELETE().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What {@code ppl local up} wrote about the running platform: its ports, its broker, each service's pid. */
    JsonNode state() {
        return readJson(dataDir().resolve("platform.json"));
    }

    /**
     * Adds a workspace with an API token of its own and answers the token. The gateway has no route that makes
     * workspaces (the local platform bootstraps one), so this writes the two rows the gateway reads, as it writes
     * them: the token's SHA-256 only.
     */
    String addWorkspace(String name) {
        String token = Ids.secret("pt");
        String url = "jdbc:postgresql://127.0.0.1:" + state().get("postgres_port").asInt() + "/ppl";
        try (Connection db = DriverManager.getConnection(url, "postgres", "postgres")) {
            String workspaceId = Ids.next(Ids.WORKSPACE);
            try (PreparedStatement insert = db
                    .prepareStatement("INSERT INTO gateway.workspaces (id, name, created_at) VALUES (?, ?, now())")) {
                insert.setString(1, workspaceId);
                insert.setString(2, name);
                insert.executeUpdate();
            }
            try (PreparedStatement insert = db.prepareStatement(
                    "INSERT INTO gateway.api_tokens (token_hash, workspace_id, created_at) VALUES (?, ?, now())")) {
                insert.setString(1, HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8))));
                insert.setString(2, workspaceId);
                insert.executeUpdate();
            }
        } catch (SQLException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return token;
    }

    /** Writes a record onto a topic of the platform's broker, as any producer with access to it could. */
    void produce(String topic, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.<String, Object> of("bootstrap.servers", state().get("kafka_bootstrap").asText()), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The keys of everything in a topic so far, read from its beginning to its current end. */
    List<String> keys(String topic) {
        return PoisonRecords.keys(state().get("kafka_bootstrap").asText(), topic);
    }

    /** Kills a service's JVM the hard way; the platform starts a service that exits again. */
    void kill9(String module) {
        long pid = state().at("/services/" + module + "/pid").asLong();
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(module + " is not running"));
        assertThat(process.destroyForcibly()).isTrue();
        process.onExit().join();
    }

    /** Waits until the service on that port offset answers its readiness check with 200. */
    void awaitReady(int portOffset) {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
            try {
                return internal(portOffset, "/q/health/ready", "none").statusCode() == 200;
            } catch (IllegalStateException e) {
                return false;
            }
        });
    }

    /** Processes whose environment names this lease: components the platform started for it. */
    static List<Long> processesOfLease(String leaseId) {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().matches("\\d+")).forEach(p -> {
                try {
                    String environ = new String(Files.readAllBytes(p.resolve("environ")), StandardCharsets.UTF_8);
                    if (environ.contains("PPL_LEASE_ID=" + leaseId + "\0")) {
                        pids.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException e) {
                    // a process that ended while we looked, or one we may not read: not ours
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pids;
    }

    static JsonNode readJson(Path file) {
        try {
            return JsonCodec.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePortBlock() {
        for (int base = 28080; base < 60000; base += 10) {
            if (allFree(base, 7)) {
                return base;
            }
        }
        throw new IllegalStateException("no block of 7 free ports");
    }

    private static boolean allFree(int base, int count) {
        for (int port = base; port < base + count; port++) {
            try (ServerSocket socket = new ServerSocket(port)) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    record Run(int exitCode, String stdout, String stderr) {
        List<JsonNode> events() {
            List<JsonNode> events = new ArrayList<>();
            for (String line : stdout.split("\n")) {
                if (!line.isBlank()) {
                    try {
                        events.add(JsonCodec.mapper().readTree(line));
                    } catch (IOException e) {
                        throw new AssertionError("stdout line is not JSON: " + line, e);
                    }
                }
            }
            return events;
        }

        List<String> types() {
            return events().stream().map(e -> e.get("type").asText()).toList();
        }

        /** stdout as one JSON document. */
        JsonNode json() {
            try {
                return JsonCodec.mapper().readTree(stdout);
            } catch (IOException e) {
                throw new AssertionError("stdout is not JSON: " + stdout + "\nstderr:\n" + stderr, e);
            }
        }

        JsonNode first(String type) {
            return events().stream().filter(e -> e.get("type").asText().equals(type)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + type + " event in:\n" + stdout + "\nstderr:\n" + stderr));
        }

        Run assertExit(int expected) {
            assertThat(exitCode).as("exit code; stdout:\n%s\nstderr:\n%s", stdout, stderr).isEqualTo(expected);
            return this;
        }
    }
}
