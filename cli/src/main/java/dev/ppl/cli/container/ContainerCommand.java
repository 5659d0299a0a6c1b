package dev.ppl.cli.container;

import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import dev.ppl.cli.CliContext;
import dev.ppl.cli.CliException;
import dev.ppl.cli.ExitCodes;
import dev.ppl.cli.config.CliConfig;
import dev.ppl.cli.http.GatewayClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;

/** {@code ppl container ...}: the containers of deployments. */
@Command(name = "container", description = "Containers: the running workloads of deployments.")
public class ContainerCommand {
    private final CliContext ctx;
    @Option(names = { "-h", "--help" }, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help and exit.")
    boolean help;

    public ContainerCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Command(name = "logs", description = "What the container wrote to stdout and stderr, as it wrote it; --follow "
            + "keeps printing new lines until the container stops or you interrupt.")
    int logs(@Parameters(paramLabel = "<container_id>") String containerId,
            @Option(names = { "-f", "--follow" }, description = "Keep printing new lines.") boolean follow,
            @Option(names = "--tail", paramLabel = "<n>", description = "Only the last n lines (then new ones with --follow).") Integer tail) {
        if (tail != null && tail < 0) {
            throw new CliException(ExitCodes.INVALID_INPUT, "--tail must be a whole number >= 0, was " + tail);
        }
        StringBuilder path = new StringBuilder("/v1/containers/")
                .append(URLEncoder.encode(containerId, StandardCharsets.UTF_8).replace("+", "%20")).append("/logs");
        path.append("?follow=").append(follow);
        if (tail != null) {
            path.append("&tail=").append(tail);
        }
        Stream<String> lines;
        try {
            lines = new GatewayClient(CliConfig.load(ctx)).openLines(path.toString(), "text/plain").get();
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof CliException refused) {
                throw refused;
            }
            throw new CliException(ExitCodes.UNREACHABLE, "the gateway cannot be reached: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.UNREACHABLE;
        }
        try (lines) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                ctx.emit(it.next());
            }
        } catch (UncheckedIOException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "the log stream broke off: " + e.getCause());
        }
        return ExitCodes.OK;
    }
}
