package dev.ppl.cli.component;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.cli.CliContext;
import dev.ppl.cli.ExitCodes;
import dev.ppl.cli.config.CliConfig;
import dev.ppl.cli.http.GatewayClient;
import dev.ppl.cli.lease.ManifestReader;
import dev.ppl.contracts.component.ComponentDescriptor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;

/** {@code ppl component ...}: the catalog, and publishing a version into it. Prints the gateway's answer as it is. */
@Command(name = "component", description = "The component catalog.")
public class ComponentCommand {
    private final CliContext ctx;
    @Option(names = { "-h", "--help" }, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help and exit.")
    boolean help;

    public ComponentCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Command(name = "list", description = "The lean list {count, items: [{component_id, name, harness, latest_version_id}]}: "
            + "at most 20 items a page; --query searches every component, past the first page.")
    int list(@Option(names = "--query", description = "Only components whose name contains this.") String query,
            @Option(names = "--offset", description = "Skip this many components.") Integer offset,
            @Option(names = "--limit", description = "At most this many components (the server caps it at 20).") Integer limit) {
        StringBuilder q = new StringBuilder();
        append(q, "query", query);
        append(q, "offset", offset == null ? null : offset.toString());
        append(q, "limit", limit == null ? null : limit.toString());
        return print(gateway().get("/v1/components" + q));
    }

    @Command(name = "versions", description = "The component's versions as a bare JSON array of {id, version, prerelease, tags, ...}.")
    int versions(@Parameters(paramLabel = "<component_id>") String componentId) {
        return print(gateway().get("/v1/components/" + URLEncoder.encode(componentId, StandardCharsets.UTF_8)
                .replace("+", "%20") + "/versions"));
    }

    @Command(name = "publish", description = "Publish a version from a component.yml; prints {\"data\": Version} "
            + "(jq -r .data.id).")
    int publish(@Parameters(arity = "0..1", defaultValue = ".", paramLabel = "<path>", description = "A component "
            + "directory or its component.yml (default: the working directory).") Path path,
            @Option(names = "--prerelease", description = "Publish it as a prerelease.") boolean prerelease) {
        Path target = ctx.cwd().resolve(path).normalize();
        // Read first: a bad component.yml is exit 2 even where no gateway is configured.
        ComponentDescriptor descriptor = ManifestReader
                .publishable(Files.isDirectory(target) ? target.resolve("component.yml") : target);
        return print(gateway().post("/v1/components/versions", Map.of("descriptor", descriptor, "prerelease", prerelease)));
    }

    private static void append(StringBuilder query, String name, String value) {
        if (value != null) {
            query.append(query.isEmpty() ? '?' : '&').append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private GatewayClient gateway() {
        return new GatewayClient(CliConfig.load(ctx));
    }

    private int print(JsonNode json) {
        ctx.emitJson(json);
        return ExitCodes.OK;
    }
}
