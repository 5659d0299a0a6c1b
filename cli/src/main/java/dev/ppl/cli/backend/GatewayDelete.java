package dev.ppl.cli.backend;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.ppl.cli.CliException;
import dev.ppl.cli.ExitCodes;
import dev.ppl.cli.config.CliConfig;
import dev.ppl.cli.http.GatewayClient;

/**
 * A DELETE on the gateway, with the same headers and refusal handling as {@link GatewayClient} (which has no
 * DELETE yet; this belongs there once it has).
 */
final class GatewayDelete {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private GatewayDelete() {
    }

    static void delete(CliConfig config, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.gatewayUrl() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + config.token()).header("X-Ppl-Surface", "cli").DELETE().build();
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "cannot reach the gateway at " + config.gatewayUrl()
                    + " (is the platform up? `ppl local up`)");
        } catch (IOException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "request to " + request.uri() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.UNREACHABLE, "interrupted");
        }
        if (response.statusCode() >= 400) {
            throw GatewayClient.refusal(response.statusCode(), response.body());
        }
    }
}
