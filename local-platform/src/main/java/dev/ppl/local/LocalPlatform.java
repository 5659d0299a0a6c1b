package dev.ppl.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ppl.contracts.Ids;
import dev.ppl.contracts.codec.JsonCodec;

/**
 * The embedded platform: PostgreSQL, a Kafka broker and the four services as child JVMs, all data under
 * one directory. {@link #start()} returns once every service reports ready, then writes
 * {@code platform.json} (for the CLI) and the CLI's config with the default workspace's token.
 */
public final class LocalPlatform implements AutoCloseable {
    private static final int TAIL_BYTES = 64 * 1024;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration RESTART_DELAY = Duration.ofSeconds(1);

    private final PlatformSettings settings;
    /** Guarded by itself; {@link #close()} may run (from the shutdown hook) while {@link #start()} does. */
    private final Map<String, Process> services = new LinkedHashMap<>();
    private boolean closing;
    private Infrastructure infrastructure;
    private List<ServiceLaunch> launches = List.of();

    public LocalPlatform(PlatformSettings settings) {
        this.settings = settings;
    }

    public void start() throws IOException, InterruptedException {
        for (String module : ServiceLaunch.MODULES) {
            Path jar = settings.repo().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: run `mvn -DskipTests install` first");
            }
        }
        Path data = Files.createDirectories(settings.dataDir());
        Files.createDirectories(data.resolve("logs"));
        log("starting PostgreSQL on port " + settings.postgresPort() + " and Kafka on port " + settings.kafkaPort());
        Infrastructure started = Infrastructure.start(data, data.resolve("postgres-binaries"), settings.postgresPort(),
                settings.kafkaPort(), settings.kafkaControllerPort());
        synchronized (services) {
            if (closing) {
                started.stop();
                throw new IllegalStateException("stopped while starting");
            }
            infrastructure = started;
        }
        String token = secret(data.resolve("gateway-token"), "pt");
        String fileSigningKey = secret(data.resolve("file-signing-key"), "fk");
        List<ServiceLaunch> launches = ServiceLaunch.all(settings, started.kafka().bootstrapServers(),
                started.postgres().port(), token, fileSigningKey);
        for (ServiceLaunch launch : launches) {
            synchronized (services) {
                if (closing) {
                    throw new IllegalStateException("stopped while starting");
                }
                launch(launch);
            }
        }
        awaitReady(launches);
        this.launches = launches;
        writeState(launches);
        writeCliConfig(token);
        launches.forEach(this::supervise);
        log("ready: " + settings.url("harness-gateway"));
    }

    private Process launch(ServiceLaunch launch) throws IOException {
        Path log = settings.dataDir().resolve("logs").resolve(launch.module() + ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(launch.command(java, settings.repo())).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        services.put(launch.module(), process);
        log("started " + launch.module() + " (pid " + process.pid() + ") on " + launch.url() + ", log " + log);
        return process;
    }

    /**
     * Starts a service again when it exits without being asked to, as a Kubernetes Deployment would: the
     * platform's promises (cleanup of closed leases, no orphan processes) are kept by services coming back and
     * catching up from Kafka and their database, so they must come back.
     */
    private void supervise(ServiceLaunch launch) {
        Process process;
        synchronized (services) {
            process = services.get(launch.module());
        }
        process.onExit().thenRun(() -> {
            synchronized (services) {
                if (closing || services.get(launch.module()) != process) {
                    return;
                }
                log(launch.module() + " exited with code " + process.exitValue() + "; starting it again in "
                        + RESTART_DELAY.toMillis() + " ms");
            }
            try {
                Thread.sleep(RESTART_DELAY.toMillis());
                synchronized (services) {
                    if (closing) {
                        return;
                    }
                    launch(launch);
                    writeState(launches);
                }
                supervise(launch);
            } catch (IOException e) {
                log("could not start " + launch.module() + " again: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private void awaitReady(List<ServiceLaunch> launches) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        List<ServiceLaunch> waiting = new ArrayList<>(launches);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!waiting.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not ready within " + READY_TIMEOUT.toSeconds() + "s: "
                        + waiting.stream().map(ServiceLaunch::module).toList() + "; see " + settings.dataDir().resolve("logs"));
            }
            for (ServiceLaunch launch : List.copyOf(waiting)) {
                Process process;
                synchronized (services) {
                    if (closing) {
                        throw new IllegalStateException("stopped while starting");
                    }
                    process = services.get(launch.module());
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException(launch.module() + " exited with code " + process.exitValue() + ":\n"
                            + tail(settings.dataDir().resolve("logs").resolve(launch.module() + ".log"), 30));
                }
                try {
                    HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(launch.url() + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        waiting.remove(launch);
                        log(launch.module() + " is ready");
                    }
                } catch (IOException e) {
                    // not listening yet
                }
            }
            Thread.sleep(200);
        }
    }

    /**
     * A secret made once and kept with the data: the default workspace's token, so a restart keeps the CLI
     * working, and the key of signed file URLs, so a restart keeps the URLs it gave valid.
     */
    static String secret(Path file, String prefix) throws IOException {
        if (Files.isRegularFile(file)) {
            return Files.readString(file).strip();
        }
        String token = Ids.secret(prefix);
        writePrivate(file, token + "\n");
        return token;
    }

    private void writeState(List<ServiceLaunch> launches) throws IOException {
        ObjectNode state = JsonCodec.mapper().createObjectNode();
        state.put("pid", ProcessHandle.current().pid());
        state.put("port_base", settings.portBase());
        state.put("ppl_home", settings.pplHome().toString());
        state.put("data_dir", settings.dataDir().toString());
        state.put("gateway_url", settings.url("harness-gateway"));
        state.put("kafka_bootstrap", infrastructure.kafka().bootstrapServers());
        state.put("postgres_port", infrastructure.postgres().port());
        ObjectNode serviceNodes = state.putObject("services");
        for (ServiceLaunch launch : launches) {
            serviceNodes.putObject(launch.module()).put("url", launch.url()).put("pid", services.get(launch.module()).pid());
        }
        state.put("started_at", Instant.now().toString());
        Path file = settings.dataDir().resolve("platform.json");
        Path partial = settings.dataDir().resolve("platform.json.partial");
        Files.writeString(partial, JsonCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(state));
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private void writeCliConfig(String token) throws IOException {
        ObjectNode config = JsonCodec.mapper().createObjectNode();
        config.put("gateway_url", settings.url("harness-gateway"));
        config.put("token", token);
        config.put("workspace", "default");
        config.put("default_runtime", "local");
        Files.createDirectories(settings.pplHome());
        writePrivate(settings.pplHome().resolve("config.json"),
                JsonCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(config) + "\n");
    }

    /** Writes a file only its owner can read (mode 0600): it holds a credential. */
    static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
    }

    /** Stops the services (SIGTERM, then a forced kill after 20 s), then Kafka and PostgreSQL. */
    @Override
    public void close() {
        Map<String, Process> running;
        Infrastructure started;
        synchronized (services) {
            closing = true;
            running = new LinkedHashMap<>(services);
            started = infrastructure;
        }
        try {
            Files.deleteIfExists(settings.dataDir().resolve("platform.json"));
        } catch (IOException e) {
            log("could not remove platform.json: " + e.getMessage());
        }
        running.forEach((module, process) -> {
            log("stopping " + module + " (pid " + process.pid() + ")");
            process.destroy();
        });
        running.forEach((module, process) -> {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    log(module + " did not stop within 20s; killing it");
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            log("stopped " + module);
        });
        if (started != null) {
            started.stop();
            log("stopped Kafka and PostgreSQL");
        }
    }

    /**
     * The last {@code lines} lines of a log, from its last 64 KiB only: a service's log grows across runs, and what a
     * failed start printed is at its end.
     */
    private static String tail(Path log, int lines) {
        try (RandomAccessFile in = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(0, in.length() - TAIL_BYTES);
            byte[] end = new byte[(int) (in.length() - from)];
            in.seek(from);
            in.readFully(end);
            List<String> all = new ArrayList<>(List.of(new String(end, StandardCharsets.UTF_8).split("\n", -1)));
            if (from > 0) {
                // the first line was cut where the 64 KiB began
                all.remove(0);
            }
            if (!all.isEmpty() && all.get(all.size() - 1).isEmpty()) {
                all.remove(all.size() - 1);
            }
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "";
        }
    }

    static void log(String message) {
        System.out.println(Instant.now() + " " + message);
    }
}
