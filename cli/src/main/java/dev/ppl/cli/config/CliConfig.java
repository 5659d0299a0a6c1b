package dev.ppl.cli.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.cli.CliContext;
import dev.ppl.cli.CliException;
import dev.ppl.cli.ExitCodes;
import dev.ppl.contracts.codec.JsonCodec;

/**
 * Where the gateway is and which token to present: {@code $PPL_HOME/config.json}, written by
 * {@code ppl local up}; {@code PPL_GATEWAY_URL} and {@code PPL_TOKEN} override it.
 */
public record CliConfig(String gatewayUrl, String token, String defaultRuntime) {

    public static CliConfig load(CliContext ctx) {
        Path file = ctx.pplHome().resolve("config.json");
        JsonNode json = JsonCodec.mapper().createObjectNode();
        if (Files.isRegularFile(file)) {
            try {
                json = JsonCodec.mapper().readTree(file.toFile());
            } catch (IOException e) {
                throw new CliException(ExitCodes.INVALID_INPUT, file + " is not valid JSON: " + e.getMessage());
            }
        }
        String gateway = ctx.env("PPL_GATEWAY_URL", text(json, "gateway_url"));
        String token = ctx.env("PPL_TOKEN", text(json, "token"));
        if (gateway == null || token == null) {
            throw new CliException(ExitCodes.UNREACHABLE,
                    "no gateway configured (" + file
                            + " is missing): run `ppl local up`, or set PPL_GATEWAY_URL and PPL_TOKEN");
        }
        String runtime = text(json, "default_runtime");
        return new CliConfig(gateway.replaceAll("/+$", ""), token, runtime == null ? "local" : runtime);
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
