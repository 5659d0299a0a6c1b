package dev.ppl.cli.lease;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.ppl.cli.CliContext;
import dev.ppl.cli.ExitCodes;
import dev.ppl.cli.config.CliConfig;
import dev.ppl.cli.http.GatewayClient;
import dev.ppl.contracts.codec.JsonCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "lease", description = "Leases: one owned scope that cleans up together.", subcommands = {
        LeaseRunCommand.class, LeaseCommand.Create.class, LeaseCommand.ListLeases.class, LeaseCommand.Get.class,
        LeaseCommand.Rollback.class, LeaseCommand.Commit.class })
public class LeaseCommand {

    static int print(CliContext ctx, Object json) {
        try {
            ctx.emit(JsonCodec.mapper().writeValueAsString(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return ExitCodes.OK;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Command(name = "create", description = "Open a lease.")
    public static class Create implements Callable<Integer> {
        private final CliContext ctx;
        @Option(names = "--runtime", description = "Runtime id (default: the configured default_runtime).")
        String runtime;
        @Option(names = "--ttl", description = "Maximum unattended lifetime, a Go duration such as 30m.")
        String ttl;
        @Option(names = "--label", description = "A label to find the lease by later.")
        String label;
        @Option(names = "--cleanup-policy", description = "delete_ephemeral_resources (default) or retain_all.")
        String cleanupPolicy;

        public Create(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            GatewayClient gateway = new GatewayClient(CliConfig.load(ctx));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("runtime", runtime == null ? gateway.config().defaultRuntime() : runtime);
            body.put("ttl", ttl);
            body.put("label", label);
            body.put("cleanup_policy", cleanupPolicy);
            body.values().removeIf(java.util.Objects::isNull);
            return print(ctx, gateway.post("/v1/leases", body));
        }
    }

    @Command(name = "list", description = "List the workspace's leases.")
    public static class ListLeases implements Callable<Integer> {
        private final CliContext ctx;
        @Option(names = "--label", description = "Only leases whose label contains this.")
        String label;
        @Option(names = "--state", description = "Only leases in this state (open, rolling_back, rolled_back, committed).")
        String state;

        public ListLeases(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            StringBuilder query = new StringBuilder();
            if (label != null) {
                query.append(query.isEmpty() ? "?" : "&").append("label=").append(encode(label));
            }
            if (state != null) {
                query.append(query.isEmpty() ? "?" : "&").append("state=").append(encode(state));
            }
            return print(ctx, new GatewayClient(CliConfig.load(ctx)).get("/v1/leases" + query));
        }
    }

    @Command(name = "get", description = "Show one lease, with what it owns.")
    public static class Get implements Callable<Integer> {
        private final CliContext ctx;
        @Parameters(paramLabel = "<lease_id>")
        String leaseId;

        public Get(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            return print(ctx, new GatewayClient(CliConfig.load(ctx)).get("/v1/leases/" + encode(leaseId)));
        }
    }

    @Command(name = "rollback", description = "Close a lease, discarding everything it still owns. A no-op on a closed lease.")
    public static class Rollback implements Callable<Integer> {
        private final CliContext ctx;
        @Parameters(paramLabel = "<lease_id>")
        String leaseId;

        public Rollback(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            return print(ctx,
                    new GatewayClient(CliConfig.load(ctx)).post("/v1/leases/" + encode(leaseId) + "/rollback", Map.of()));
        }
    }

    @Command(name = "commit", description = "Close a lease, keeping everything it still owns. A no-op on a closed lease.")
    public static class Commit implements Callable<Integer> {
        private final CliContext ctx;
        @Parameters(paramLabel = "<lease_id>")
        String leaseId;

        public Commit(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            return print(ctx,
                    new GatewayClient(CliConfig.load(ctx)).post("/v1/leases/" + encode(leaseId) + "/commit", Map.of()));
        }
    }
}
