package dev.ppl.cli.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.codec.JsonCodec;

/**
 * What a running local platform leaves on disk: {@code <data-dir>/platform.json} (its pid and where each
 * service listens) and the deploy-service's pid files of component processes.
 */
final class PlatformFiles {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PlatformFiles() {
    }

    static Optional<JsonNode> state(Path dataDir) {
        Path file = dataDir.resolve("platform.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JsonCodec.mapper().readTree(file.toFile()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static boolean healthy(String serviceUrl) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(serviceUrl + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static boolean allHealthy(JsonNode state) {
        for (JsonNode service : state.path("services")) {
            if (!healthy(service.path("url").asText())) {
                return false;
            }
        }
        return state.path("services").size() > 0;
    }

    /** A pid is one of our component processes only if its environment names that container. */
    static boolean isContainer(long pid, String containerId) {
        try {
            String environ = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")),
                    StandardCharsets.UTF_8);
            return environ.contains("PPL_CONTAINER_ID=" + containerId + "\0");
        } catch (IOException e) {
            return false;
        }
    }
}
