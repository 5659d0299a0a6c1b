package dev.ppl.cli.backend;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.cli.CliContext;
import dev.ppl.cli.CliException;
import dev.ppl.cli.ExitCodes;
import dev.ppl.cli.config.CliConfig;
import dev.ppl.cli.http.GatewayClient;
import dev.ppl.contracts.codec.JsonCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;

/**
 * {@code ppl backend ...}: the backend's operation vocabulary, one verb a subcommand method. Every verb prints
 * one JSON object {@code {"data": <answer>}} on stdout, so {@code jq -r .data.backend_id} and
 * {@code jq -r .data.vertex_id} work. The per-vertex verbs share {@link VertexTarget} and
 * {@link #apply(String, Map)}.
 */
@Command(name = "backend", description = "Backends: an event-sourced graph edited by typed operations.")
public class BackendCommand {
    /** The wire name of add-constraint's pinned type: the operation's own {@code type} field names the verb. */
    static final String CONSTRAINT_TYPE_FIELD = "pinned_type";

    private final CliContext ctx;
    @Option(names = { "-h", "--help" }, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help and exit.")
    boolean help;

    public BackendCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    /** The backend and the vertex a per-vertex verb acts on. */
    public static class VertexTarget {
        @Parameters(index = "0", paramLabel = "<backend_id>", description = "The backend.")
        String backendId;
        @Option(names = "--vertex", required = true, paramLabel = "<vertex_id>", description = "The vertex (as add-vertex answered it).")
        String vertexId;
    }

    // ---- the backend itself

    @Command(name = "create", description = "Create an empty backend, or fork one with --source (its log is copied).")
    int create(
            @Option(names = "--name", description = "The backend's name; a fork without one takes the source's name.") String name,
            @Option(names = "--source", paramLabel = "<backend_id>", description = "Fork this backend: copy its operation log.") String source,
            @Option(names = "--lease", paramLabel = "<lease_id>", description = "Stamp the backend with this lease.") String lease) {
        if (name == null && source == null) {
            throw new CliException(ExitCodes.INVALID_INPUT,
                    "backend create needs --name=<name>, or --source=<backend_id> to fork");
        }
        return print(gateway().post("/v1/backends", fields("name", name, "lease_id", lease, "source_backend_id", source)));
    }

    @Command(name = "get", description = "The backend's graph: vertices, edges, seq; --at-seq for the graph as it was.")
    int get(@Parameters(paramLabel = "<backend_id>") String backendId,
            @Option(names = "--at-seq", paramLabel = "<seq>", description = "The graph after this operation.") Long atSeq) {
        return print(gateway().get(backend(backendId) + (atSeq == null ? "" : "?at_seq=" + atSeq)));
    }

    @Command(name = "delete", description = "Delete the backend and its log.")
    int delete(@Parameters(paramLabel = "<backend_id>") String backendId) {
        gateway().delete(backend(backendId));
        return print(JsonCodec.mapper().createObjectNode().set("data",
                JsonCodec.mapper().createObjectNode().put("backend_id", backendId).put("deleted", true)));
    }

    @Command(name = "deploy", description = "Deploy the backend as it is now (later edits do not change the running "
            + "deployment) on a runtime (`ppl runtime list`). Prints {\"data\": Deployment}.")
    int deploy(@Option(names = "--backend", required = true, paramLabel = "<backend_id>") String backendId,
            @Option(names = "--runtime", required = true, paramLabel = "<runtime_id>") String runtime,
            @Option(names = "--fixed-duration", paramLabel = "<duration>", description = "Undeploy by itself after this "
                    + "long, a Go duration such as 10m.") String fixedDuration) {
        return print(gateway().post(backend(backendId) + "/deploy",
                fields("runtime", runtime, "fixed_duration", fixedDuration)));
    }

    @Command(name = "undeploy", description = "Stop every deployment of the backend and delete its topics. Prints "
            + "{\"data\": {backend_id, undeployed: [deployment_id]}}.")
    int undeploy(@Option(names = "--backend", required = true, paramLabel = "<backend_id>") String backendId) {
        return print(gateway().deleteForJson(backend(backendId) + "/deploy"));
    }

    // ---- graph topology

    @Command(name = "add-vertex", description = "Add a vertex pinned to a component version; the server assigns .data.vertex_id.")
    int addVertex(@Parameters(paramLabel = "<backend_id>") String backendId,
            @Option(names = "--version", required = true, paramLabel = "<version_id>", description = "The component version.") String versionId,
            @Option(names = "--alias", description = "A display alias.") String alias) {
        return apply(backendId, operation("add-vertex", "version_id", versionId, "alias", alias));
    }

    @Command(name = "delete-vertex", description = "Delete a vertex and every edge on it.")
    int deleteVertex(@Mixin VertexTarget target) {
        return apply(target, "delete-vertex");
    }

    @Command(name = "connect", description = "Wire (from-vertex, from-output) to (to-vertex, to-input); the types must unify.")
    int connect(@Parameters(paramLabel = "<backend_id>") String backendId,
            @Option(names = "--from-vertex", required = true, paramLabel = "<vertex_id>") String fromVertex,
            @Option(names = "--from-output", required = true, paramLabel = "<index>") int fromOutput,
            @Option(names = "--to-vertex", required = true, paramLabel = "<vertex_id>") String toVertex,
            @Option(names = "--to-input", required = true, paramLabel = "<index>") int toInput) {
        return apply(backendId,
                operation("connect", "from_vertex", fromVertex, "from_output", fromOutput, "to_vertex", toVertex,
                        "to_input", toInput));
    }

    @Command(name = "disconnect", description = "Remove the one edge into (to-vertex, to-input).")
    int disconnect(@Parameters(paramLabel = "<backend_id>") String backendId,
            @Option(names = "--to-vertex", required = true, paramLabel = "<vertex_id>") String toVertex,
            @Option(names = "--to-input", required = true, paramLabel = "<index>") int toInput) {
        return apply(backendId, operation("disconnect", "to_vertex", toVertex, "to_input", toInput));
    }

    @Command(name = "change-version", description = "Move a vertex to another version of the same component.")
    int changeVersion(@Mixin VertexTarget target,
            @Option(names = "--version", required = true, paramLabel = "<version_id>") String versionId) {
        return apply(target, "change-version", "version_id", versionId);
    }

    // ---- vertex bindings

    @Command(name = "change-parameter", description = "Set a config parameter to a pipelang literal, e.g. --type Double --value '0.7'.")
    int changeParameter(@Mixin VertexTarget target,
            @Option(names = "--name", required = true, description = "The parameter, as the component's config_schema names it.") String name,
            @Option(names = "--type", required = true, paramLabel = "<pipelang type>", description = "The value's pipelang type, e.g. Double, String, [Int].") String type,
            @Option(names = "--value", required = true, paramLabel = "<literal>", description = "A pipelang literal (single-quote it in the shell).") String value) {
        return apply(target, "change-parameter", "name", name, "value_type", type, "value", value);
    }

    @Command(name = "add-file", description = "Bind a file (POST /v1/files) to a file slot; --file \"\" clears the slot.")
    int addFile(@Mixin VertexTarget target,
            @Option(names = "--slot", required = true, description = "A file_schema slot of the component.") String slot,
            @Option(names = "--file", required = true, paramLabel = "<file_id>", description = "The file id, or \"\" to clear the slot.") String fileId) {
        return apply(target, "add-file", "slot", slot, "file_id", fileId);
    }

    @Command(name = "add-constraint", description = "Pin one of the vertex's generic type variables to a type.")
    int addConstraint(@Mixin VertexTarget target,
            @Option(names = "--variable", required = true, description = "The type variable, e.g. t.") String variable,
            @Option(names = "--type", required = true, paramLabel = "<pipelang type>", description = "The type to pin it to.") String type) {
        return apply(target, "add-constraint", "variable", variable, CONSTRAINT_TYPE_FIELD, type);
    }

    // ---- vertex metadata

    @Command(name = "change-alias", description = "Rename the vertex's display alias.")
    int changeAlias(@Mixin VertexTarget target, @Option(names = "--alias", required = true) String alias) {
        return apply(target, "change-alias", "alias", alias);
    }

    @Command(name = "change-layout", description = "Set the vertex's box (x, y, w, h) in graph views.")
    int changeLayout(@Mixin VertexTarget target, @Option(names = "--x", required = true) double x,
            @Option(names = "--y", required = true) double y, @Option(names = "--w", required = true) double w,
            @Option(names = "--h", required = true) double h) {
        return apply(target, "change-layout", "layout", fields("x", x, "y", y, "w", w, "h", h));
    }

    @Command(name = "change-metadata", description = "Set a free-form metadata key of the vertex.")
    int changeMetadata(@Mixin VertexTarget target, @Option(names = "--key", required = true) String key,
            @Option(names = "--value", required = true) String value) {
        return apply(target, "change-metadata", "key", key, "value", value);
    }

    // ---- endpoint exposure

    @Command(name = "change-endpoint-alias", description = "Map an endpoint the component declares to a stable role string.")
    int changeEndpointAlias(@Mixin VertexTarget target, @Option(names = "--endpoint", required = true) String endpoint,
            @Option(names = "--alias", required = true) String alias) {
        return apply(target, "change-endpoint-alias", "endpoint", endpoint, "alias", alias);
    }

    @Command(name = "change-host-port-binding", description = "Map a container port to a host port.")
    int changeHostPortBinding(@Mixin VertexTarget target,
            @Option(names = "--container-port", required = true, paramLabel = "<port>") int containerPort,
            @Option(names = "--host-port", required = true, paramLabel = "<port>") int hostPort) {
        return apply(target, "change-host-port-binding", "container_port", containerPort, "host_port", hostPort);
    }

    @Command(name = "change-volume-mount", description = "Mount a volume into the vertex's container at an absolute path.")
    int changeVolumeMount(@Mixin VertexTarget target, @Option(names = "--volume", required = true) String volume,
            @Option(names = "--mount-path", required = true, paramLabel = "<path>") String mountPath) {
        return apply(target, "change-volume-mount", "volume", volume, "mount_path", mountPath);
    }

    // ---- runtime overrides

    @Command(name = "change-service-config", description = "Override a (service, key) value of the vertex's depends_on services.")
    int changeServiceConfig(@Mixin VertexTarget target, @Option(names = "--service", required = true) String service,
            @Option(names = "--key", required = true) String key, @Option(names = "--value", required = true) String value) {
        return apply(target, "change-service-config", "service", service, "key", key, "value", value);
    }

    // ---- the log

    @Command(name = "undo", description = "Revert the last COUNT operations (recorded as new operations).")
    int undo(@Parameters(index = "0", paramLabel = "<backend_id>") String backendId,
            @Parameters(index = "1", paramLabel = "<count>") int count) {
        if (count < 1) {
            throw new CliException(ExitCodes.INVALID_INPUT, "<count> must be at least 1, was " + count);
        }
        return print(gateway().post(backend(backendId) + "/undo", Map.of("count", count)));
    }

    @Command(name = "compact", description = "Rewrite the log into the fewest operations giving the same graph.")
    int compact(@Parameters(paramLabel = "<backend_id>") String backendId) {
        return print(gateway().post(backend(backendId) + "/compact", Map.of()));
    }

    @Command(name = "operations", description = "Browse the log, oldest first: {data: {count, offset, limit, items}}.")
    int operations(@Parameters(paramLabel = "<backend_id>") String backendId,
            @Option(names = "--offset", description = "Skip this many operations.") Integer offset,
            @Option(names = "--limit", description = "At most this many operations.") Integer limit) {
        StringBuilder query = new StringBuilder();
        if (offset != null) {
            query.append("?offset=").append(offset);
        }
        if (limit != null) {
            query.append(query.isEmpty() ? "?" : "&").append("limit=").append(limit);
        }
        JsonNode list = gateway().get(backend(backendId) + "/operations" + query);
        return print(JsonCodec.mapper().createObjectNode().set("data", list));
    }

    @Command(name = "patch", description = "Apply a batch of operations from a JSON file, all or none; --dry-run previews it.")
    int patch(@Parameters(paramLabel = "<backend_id>") String backendId,
            @Option(names = "--file", required = true, paramLabel = "<ops.json>", description = "A JSON array of operations, or {operations: [...], dry_run}.") Path file,
            @Option(names = "--dry-run", description = "Answer what the batch would do without applying it.") boolean dryRun) {
        Map<String, Object> body = PatchFile.read(ctx.cwd().resolve(file), dryRun);
        return print(gateway().post(backend(backendId) + "/patch", body));
    }

    // ---- helpers

    /** One per-vertex verb: {@code {type, vertex_id, <pairs>}} applied to the target's backend. */
    private int apply(VertexTarget target, String verb, Object... pairs) {
        Map<String, Object> operation = operation(verb, "vertex_id", target.vertexId);
        operation.putAll(fields(pairs));
        return apply(target.backendId, operation);
    }

    private int apply(String backendId, Map<String, Object> operation) {
        return print(gateway().post(backend(backendId) + "/operations", operation));
    }

    static Map<String, Object> operation(String verb, Object... pairs) {
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("type", verb);
        operation.putAll(fields(pairs));
        return operation;
    }

    /** Name/value pairs in order, leaving out null values. */
    static Map<String, Object> fields(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                out.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return out;
    }

    private GatewayClient gateway() {
        return new GatewayClient(CliConfig.load(ctx));
    }

    private int print(JsonNode json) {
        ctx.emitJson(json);
        return ExitCodes.OK;
    }

    static String backend(String backendId) {
        return "/v1/backends/" + segment(backendId);
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
