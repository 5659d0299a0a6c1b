package dev.ppl.cli.file;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.ppl.cli.CliContext;
import dev.ppl.cli.ExitCodes;
import dev.ppl.cli.config.CliConfig;
import dev.ppl.cli.http.GatewayClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;

/** {@code ppl file ...}: files of the workspace. Prints the gateway's answer as it is. */
@Command(name = "file", description = "Files: fixtures, outputs, and links to content stored elsewhere.")
public class FileCommand {
    private final CliContext ctx;
    @Option(names = { "-h", "--help" }, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help and exit.")
    boolean help;

    public FileCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Command(name = "link", description = "Record a file whose content lives at <source_uri> (nothing is uploaded); "
            + "with --lease it dies with that lease (its row, never the content). Prints {\"data\": File}.")
    int link(
            @Parameters(paramLabel = "<source_uri>", description = "Where the content is: http(s)://, s3://, gs:// or file:///.") String sourceUri,
            @Option(names = "--kind", required = true, paramLabel = "<source_kind>", description = "http, s3, gs or local; must match the URI's scheme.") String kind,
            @Option(names = "--type", required = true, paramLabel = "<file_type>", description = "The pipelang file type of the content, e.g. File, Image, onnx.") String type,
            @Option(names = "--lease", paramLabel = "<lease_id>", description = "Stamp the file with this open lease.") String lease,
            @Option(names = "--name", description = "The file's name (default: the URI's last path segment).") String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source_uri", sourceUri);
        body.put("source_kind", kind);
        body.put("file_type", type);
        if (lease != null) {
            body.put("lease_id", lease);
        }
        if (name != null) {
            body.put("name", name);
        }
        ctx.emitJson(new GatewayClient(CliConfig.load(ctx)).post("/v1/files/links", body));
        return ExitCodes.OK;
    }
}
