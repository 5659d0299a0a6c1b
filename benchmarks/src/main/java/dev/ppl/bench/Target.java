package dev.ppl.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.codec.JsonCodec;

/**
 * Where the platform under test listens: the gateway and its bearer token (from {@code <ppl-home>/config.json}), the
 * operations-service and the Kafka broker (from {@code <data-dir>/platform.json}, written by {@code ppl local up}).
 * Explicit options win over the files.
 */
record Target(String gateway, String token, String operations, String kafka) {

    static Target resolve(Options o) throws IOException {
        Path home = Path.of(o.pplHome != null ? o.pplHome
                : System.getenv("PPL_HOME") != null && !System.getenv("PPL_HOME").isBlank() ? System.getenv("PPL_HOME")
                        : System.getProperty("user.home") + "/.ppl");
        Path data = o.dataDir != null ? Path.of(o.dataDir) : home.resolve("local");
        JsonNode config = read(home.resolve("config.json"));
        JsonNode platform = read(data.resolve("platform.json"));
        String gateway = first(o.gateway, text(config, "gateway_url"), text(platform, "gateway_url"));
        String token = first(o.token, text(config, "token"));
        String operations = first(o.operations,
                platform == null ? null : text(platform.path("services").path("operations-service"), "url"));
        String kafka = first(o.kafka, text(platform, "kafka_bootstrap"));
        StringBuilder missing = new StringBuilder();
        if (gateway == null) {
            missing.append(" --gateway");
        }
        if (token == null) {
            missing.append(" --token");
        }
        if (operations == null) {
            missing.append(" --operations-url");
        }
        if (kafka == null) {
            missing.append(" --kafka");
        }
        if (missing.length() > 0) {
            throw new IllegalArgumentException("cannot tell where the platform is: give" + missing + " or a --ppl-home"
                    + " whose config.json and local/platform.json exist (is `ppl local up` running? looked in " + home
                    + " and " + data + ")");
        }
        return new Target(strip(gateway), token, strip(operations), kafka);
    }

    private static JsonNode read(Path file) throws IOException {
        return Files.isRegularFile(file) ? JsonCodec.mapper().readTree(file.toFile()) : null;
    }

    private static String text(JsonNode node, String field) {
        if (node == null || !node.hasNonNull(field) || node.get(field).asText().isBlank()) {
            return null;
        }
        return node.get(field).asText();
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
