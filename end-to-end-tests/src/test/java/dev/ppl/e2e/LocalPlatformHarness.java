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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.cli.CliContext;
import dev.ppl.cli.Ppl;
import dev.ppl.contracts.codec.JsonCodec;

/**
 * Drives the real local platform the way a user does: the CLI's own code, in-process, with its own
 * working directory and {@code PPL_HOME}, against the service JVMs it starts.
 */
final class LocalPlatformHarness {
    final Path repo = Path.of(System.getProperty("ppl.repo", "..")).toAbsolutePath().normalize();
    final Path pplHome;
    final int portBase;
    private final HttpClient http = HttpClient.newHttpClient();

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
        HttpRequest request = HttpRequest.newBuilder(URI.create(config().get("gateway_url").asText() + path))
                .header("Authorization", "Bearer " + config().get("token").asText()).header("Content-Type", "application/json")
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
