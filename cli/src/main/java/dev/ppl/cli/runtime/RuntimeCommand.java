package dev.ppl.cli.runtime;

import dev.ppl.cli.CliContext;
import dev.ppl.cli.ExitCodes;
import dev.ppl.cli.config.CliConfig;
import dev.ppl.cli.http.GatewayClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code ppl runtime ...}: where deployments can run. */
@Command(name = "runtime", description = "Runtimes: where a backend's workloads run (local, Kubernetes).")
public class RuntimeCommand {
    private final CliContext ctx;
    @Option(names = { "-h", "--help" }, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help and exit.")
    boolean help;

    public RuntimeCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Command(name = "list", description = "The runtimes of the platform: {count, items: [{id, kind}]}.")
    int list() {
        ctx.emitJson(new GatewayClient(CliConfig.load(ctx)).get("/v1/runtimes"));
        return ExitCodes.OK;
    }
}
