package dev.ppl.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the CLI reads from its surroundings, passed in explicitly so the end-to-end tests can run it
 * in-process with their own working directory, environment and streams.
 */
public record CliContext(Map<String, String> env, Path cwd, PrintStream out, PrintStream err) {
    public CliContext {
        env = Map.copyOf(env);
        cwd = cwd.toAbsolutePath().normalize();
    }

    public String env(String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** {@code $PPL_HOME}, default {@code ~/.ppl}. */
    public Path pplHome() {
        return Path.of(env("PPL_HOME", System.getProperty("user.home") + "/.ppl"));
    }

    /** Prints one NDJSON line and flushes it, so a CI log shows each event as it happens. */
    public void emit(String jsonLine) {
        out.println(jsonLine);
        out.flush();
    }

    /** One JSON value as one line on stdout. */
    public void emitJson(com.fasterxml.jackson.databind.JsonNode json) {
        try {
            emit(dev.ppl.contracts.codec.JsonCodec.mapper().writeValueAsString(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public void note(String message) {
        err.println(message);
        err.flush();
    }
}
