package dev.ppl.cli.lease;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.cli.CliContext;
import dev.ppl.cli.CliException;
import dev.ppl.cli.ExitCodes;
import dev.ppl.cli.config.CliConfig;
import dev.ppl.cli.http.GatewayClient;
import dev.ppl.contracts.codec.JsonCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ppl lease ...}: each verb sends one request and prints the gateway's answer as it is, one JSON line.
 * The CLI checks only what it must read itself (a result's JSON, which of {@code <lease_id>} and
 * {@code --bulk} was meant, that a bulk call has a filter); states, kinds and durations are the server's to
 * refuse, naming the field (exit 3).
 */
@Command(name = "lease", description = "Leases: one owned scope that cleans up together.", subcommands = {
        LeaseRunCommand.class, LeaseCommand.Create.class, LeaseCommand.ListLeases.class, LeaseCommand.Get.class,
        LeaseCommand.Promote.class, LeaseCommand.Rollback.class, LeaseCommand.Commit.class, LeaseCommand.DeleteBulk.class,
        LeaseCommand.Delete.class, LeaseCommand.Debug.class, LeaseCommand.SetResult.class, LeaseCommand.CollectOutputs.class,
        LeaseWaitCommand.class })
public class LeaseCommand {

    static int print(CliContext ctx, JsonNode json) {
        ctx.emitJson(json);
        return ExitCodes.OK;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String lease(String leaseId) {
        return "/v1/leases/" + encode(leaseId).replace("+", "%20");
    }

    /** A JSON body of the given fields, without the ones that are null. */
    static Map<String, Object> fields(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        body.values().removeIf(Objects::isNull);
        return body;
    }

    /** {@code true} for a flag that was given, null (left out) for one that was not. */
    static Boolean flag(boolean given) {
        return given ? Boolean.TRUE : null;
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
            return print(ctx, gateway.post("/v1/leases", fields("runtime",
                    runtime == null ? gateway.config().defaultRuntime() : runtime, "ttl", ttl, "label", label,
                    "cleanup_policy", cleanupPolicy)));
        }
    }

    @Command(name = "list", description = "List the workspace's leases, a page at a time: {count, total, offset, limit, items}.")
    public static class ListLeases implements Callable<Integer> {
        private final CliContext ctx;
        @Option(names = "--label", description = "Only leases whose label contains this.")
        String label;
        @Option(names = "--state", description = "Only leases in this state (open, rolling_back, rolled_back, failed, committed).")
        String state;
        @Option(names = "--runtime", paramLabel = "<runtime_id>", description = "Only leases on this runtime.")
        String runtime;
        @Option(names = "--failed", description = "Only leases whose result is failed.")
        boolean failed;
        @Option(names = "--offset", description = "Skip this many leases (oldest first).")
        Integer offset;
        @Option(names = "--limit", description = "At most this many leases (default 100, at most 500).")
        Integer limit;

        public ListLeases(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            StringBuilder query = new StringBuilder();
            fields("label", label, "state", state, "runtime", runtime, "failed", failed ? "true" : null, "offset", offset,
                    "limit", limit)
                    .forEach((name, value) -> query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                            .append(encode(value.toString())));
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
            return print(ctx, new GatewayClient(CliConfig.load(ctx)).get(lease(leaseId)));
        }
    }

    @Command(name = "promote", description = "Take one row out of the lease so it survives the lease's close.")
    public static class Promote implements Callable<Integer> {
        private final CliContext ctx;
        @Parameters(paramLabel = "<lease_id>")
        String leaseId;
        @Option(names = "--kind", required = true, description = "What the row is: file, backend, version or deployment.")
        String kind;
        @Option(names = "--id", required = true, paramLabel = "<row_id>", description = "The row's id (a file_id, backend_id, ...).")
        String rowId;

        public Promote(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            return print(ctx, new GatewayClient(CliConfig.load(ctx)).post(lease(leaseId) + "/promote",
                    fields("kind", kind, "id", rowId)));
        }
    }

    @Command(name = "rollback", description = "Close a lease, discarding everything it still owns (a no-op on a closed "
            + "lease); or, with --bulk, every open lease matching all the given filters.")
    public static class Rollback implements Callable<Integer> {
        static final String FILTERS = "--older-than, --failed, --runtime, --label-prefix";

        private final CliContext ctx;
        @Parameters(paramLabel = "<lease_id>", arity = "0..1", description = "The lease (not with --bulk).")
        String leaseId;
        @Option(names = "--bulk", description = "Roll back every open lease matching the filters (at least one).")
        boolean bulk;
        @Option(names = "--older-than", paramLabel = "<duration>", description = "With --bulk: created longer ago than this (24h).")
        String olderThan;
        @Option(names = "--failed", description = "With --bulk: only leases whose result is failed.")
        boolean failed;
        @Option(names = "--runtime", paramLabel = "<runtime_id>", description = "With --bulk: only leases on this runtime.")
        String runtime;
        @Option(names = "--label-prefix", paramLabel = "<prefix>", description = "With --bulk: only leases whose label starts with this.")
        String labelPrefix;
        @Option(names = "--dry-run", description = "With --bulk: list what would be rolled back, and roll back nothing.")
        boolean dryRun;

        public Rollback(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Map<String, Object> filters = fields("older_than", olderThan, "failed", flag(failed), "runtime", runtime,
                    "label_prefix", labelPrefix);
            if (bulk && leaseId != null) {
                throw new CliException(ExitCodes.INVALID_INPUT,
                        "give either <lease_id> or --bulk with filters, not both (" + leaseId + " and --bulk)");
            }
            if (!bulk) {
                if (leaseId == null) {
                    throw new CliException(ExitCodes.INVALID_INPUT,
                            "give the <lease_id> to roll back, or --bulk with at least one of " + FILTERS);
                }
                if (!filters.isEmpty() || dryRun) {
                    throw new CliException(ExitCodes.INVALID_INPUT, FILTERS + " and --dry-run go with --bulk only");
                }
                return print(ctx, new GatewayClient(CliConfig.load(ctx)).post(lease(leaseId) + "/rollback", Map.of()));
            }
            // A bulk call without a filter would roll back every open lease of the workspace: refused before asking.
            if (filters.isEmpty()) {
                throw new CliException(ExitCodes.INVALID_INPUT, "--bulk needs at least one filter: " + FILTERS);
            }
            filters.putAll(fields("dry_run", flag(dryRun)));
            return print(ctx, new GatewayClient(CliConfig.load(ctx)).post("/v1/leases/rollback-bulk", filters));
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
            return print(ctx, new GatewayClient(CliConfig.load(ctx)).post(lease(leaseId) + "/commit", Map.of()));
        }
    }

    @Command(name = "delete", description = "Delete a closed lease's record; prints {\"data\": {lease_id, deleted: true}}.")
    public static class Delete implements Callable<Integer> {
        private final CliContext ctx;
        @Parameters(paramLabel = "<lease_id>")
        String leaseId;

        public Delete(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            new GatewayClient(CliConfig.load(ctx)).delete(lease(leaseId));
            return print(ctx, JsonCodec.mapper().createObjectNode().set("data",
                    JsonCodec.mapper().createObjectNode().put("lease_id", leaseId).put("deleted", true)));
        }
    }

    @Command(name = "delete-bulk", description = "Delete the records of closed leases matching all the given filters "
            + "(at least one); never an open lease.")
    public static class DeleteBulk implements Callable<Integer> {
        static final String FILTERS = "--closed-before, --older-than, --status";

        private final CliContext ctx;
        @Option(names = "--closed-before", paramLabel = "<duration>", description = "Closed longer ago than this (24h).")
        String closedBefore;
        @Option(names = "--older-than", paramLabel = "<duration>", description = "Created longer ago than this (7d).")
        String olderThan;
        @Option(names = "--status", description = "Only leases in this closed state: rolled_back, failed or committed.")
        String status;
        @Option(names = "--dry-run", description = "List what would be deleted, and delete nothing.")
        boolean dryRun;

        public DeleteBulk(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Map<String, Object> filters = fields("closed_before", closedBefore, "older_than", olderThan, "status", status);
            if (filters.isEmpty()) {
                throw new CliException(ExitCodes.INVALID_INPUT, "delete-bulk needs at least one filter: " + FILTERS);
            }
            filters.putAll(fields("dry_run", flag(dryRun)));
            return print(ctx, new GatewayClient(CliConfig.load(ctx)).post("/v1/leases/delete-bulk", filters));
        }
    }

    @Command(name = "debug", description = "One bundle to read first when a lease fails: the lease, its backend, the "
            + "deployment and each container's status, exit code and message.")
    public static class Debug implements Callable<Integer> {
        private final CliContext ctx;
        @Parameters(paramLabel = "<lease_id>")
        String leaseId;

        public Debug(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            return print(ctx, new GatewayClient(CliConfig.load(ctx)).get(lease(leaseId) + "/debug"));
        }
    }

    @Command(name = "collect-outputs", description = "Save the live test's output files (the manifest's output_files) "
            + "into the workspace, promoted out of the lease so they outlive it; the lease must still be open.")
    public static class CollectOutputs implements Callable<Integer> {
        private final CliContext ctx;
        @Parameters(paramLabel = "<lease_id>")
        String leaseId;

        public CollectOutputs(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            return print(ctx, new GatewayClient(CliConfig.load(ctx)).post(lease(leaseId) + "/collect-outputs", Map.of()));
        }
    }

    @Command(name = "set-result", description = "Store a structured result (and the debug bundle of this moment) with "
            + "the lease; both are kept after it closes.")
    public static class SetResult implements Callable<Integer> {
        private final CliContext ctx;
        @Parameters(paramLabel = "<lease_id>")
        String leaseId;
        @Option(names = "--status", required = true, description = "passed or failed.")
        String status;
        @Option(names = "--json", required = true, paramLabel = "<object>|@<file>", description = "The result: a JSON object, or @file to read it from a file.")
        String json;

        public SetResult(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            JsonNode result = result();
            return print(ctx, new GatewayClient(CliConfig.load(ctx)).put(lease(leaseId) + "/result",
                    fields("status", status, "result", result)));
        }

        private JsonNode result() {
            String text = json;
            String source = "--json";
            if (json.startsWith("@")) {
                Path file = ctx.cwd().resolve(json.substring(1));
                source = "--json " + json;
                try {
                    text = Files.readString(file);
                } catch (IOException e) {
                    throw new CliException(ExitCodes.INVALID_INPUT, source + ": cannot read " + file + ": " + e.getMessage());
                }
            }
            JsonNode parsed;
            try {
                parsed = JsonCodec.mapper().readTree(text);
            } catch (IOException e) {
                throw new CliException(ExitCodes.INVALID_INPUT, source + ": not JSON: "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
            if (parsed == null || !parsed.isObject()) {
                throw new CliException(ExitCodes.INVALID_INPUT, source + ": expected a JSON object {...}, got "
                        + (parsed == null || parsed.isMissingNode() ? "nothing"
                                : parsed.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
            }
            return parsed;
        }
    }
}
