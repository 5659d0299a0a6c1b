package dev.ppl.cli.forward;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import dev.ppl.cli.CliContext;
import dev.ppl.cli.ExitCodes;
import dev.ppl.cli.config.CliConfig;
import dev.ppl.cli.http.GatewayClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "forward", description = "The harness endpoints of a deployed backend: endpoint_name, vertex_id, url, token. "
        + "Treat url and token as credentials.")
public class ForwardCommand implements Callable<Integer> {
    private final CliContext ctx;
    @Parameters(paramLabel = "<backend_id>")
    String backendId;

    public ForwardCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        GatewayClient gateway = new GatewayClient(CliConfig.load(ctx));
        ctx.emit(gateway.get("/v1/backends/" + URLEncoder.encode(backendId, StandardCharsets.UTF_8) + "/forward")
                .toString());
        return ExitCodes.OK;
    }
}
