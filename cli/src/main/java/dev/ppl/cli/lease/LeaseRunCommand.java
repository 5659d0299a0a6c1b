package dev.ppl.cli.lease;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.cli.CliContext;
import dev.ppl.cli.CliException;
import dev.ppl.cli.ExitCodes;
import dev.ppl.cli.config.CliConfig;
import dev.ppl.cli.http.GatewayClient;
import dev.ppl.contracts.component.ComponentDescriptor;
import dev.ppl.contracts.livetest.Failed;
import dev.ppl.contracts.livetest.LiveTestEvent;
import dev.ppl.contracts.manifest.LiveTestManifest;
import dev.ppl.contracts.manifest.LiveTestManifest.Fixture;
import dev.ppl.contracts.manifest.LiveTestManifest.TestCase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ppl lease run}: the whole live test as one CI step. Everything the run creates is stamped with
 * the lease it opens first, and the lease is rolled back at the end unless {@code --keep-lease}.
 */
@Command(name = "run", description = "Run a live test from a manifest inside a new lease; NDJSON events on stdout, "
        + "exit 0 on ready with every case passed, 1 otherwise.")
public class LeaseRunCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = "--test", required = true, paramLabel = "<manifest>", description = "The live-test manifest (YAML).")
    Path test;
    @Option(names = "--runtime", paramLabel = "<id>", description = "Runtime id (default: the configured default_runtime).")
    String runtime;
    @Option(names = "--keep-lease", description = "Do not roll the lease back at the end, to inspect the live environment.")
    boolean keepLease;
    @Option(names = "--label", description = "The lease's label, for later bulk cleanup.")
    String label;
    @Option(names = "--ttl", description = "Cap on the lease's lifetime, a Go duration (default: the manifest's deploy.lease_ttl).")
    String ttl;
    @Option(names = "--cut-version-id", paramLabel = "<id>", description = "Test this version instead of publishing one from the working directory.")
    String cutVersionId;

    public LeaseRunCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        LiveTestManifest manifest = ManifestReader.manifest(ctx.cwd().resolve(test));
        ComponentDescriptor descriptor = null;
        if (cutVersionId == null) {
            if (!manifest.release().auto()) {
                throw new CliException(ExitCodes.INVALID_INPUT,
                        "the manifest's release.auto is false: pass --cut-version-id=<version id> to say what to test");
            }
            descriptor = ManifestReader.publishable(ctx.cwd().resolve("component.yml"));
        }
        for (Fixture fixture : manifest.fixtures()) {
            if (fixture.url() != null) {
                throw new CliException(ExitCodes.INVALID_INPUT, "fixture '" + fixture.name()
                        + "': url fixtures are not supported yet; use path or file_id");
            }
            if (fixture.path() != null && !Files.isRegularFile(ctx.cwd().resolve(fixture.path()))) {
                throw new CliException(ExitCodes.INVALID_INPUT, "fixture '" + fixture.name() + "': file "
                        + ctx.cwd().resolve(fixture.path()).normalize() + " does not exist");
            }
        }

        for (TestCase testCase : manifest.cases()) {
            if (testCase.expectFile() != null && !Files.isRegularFile(ctx.cwd().resolve(testCase.expectFile()))) {
                throw new CliException(ExitCodes.INVALID_INPUT, "case '" + testCase.name() + "': expect_file "
                        + ctx.cwd().resolve(testCase.expectFile()).normalize() + " does not exist");
            }
        }

        GatewayClient gateway = new GatewayClient(CliConfig.load(ctx));
        Map<String, Object> leaseRequest = new LinkedHashMap<>();
        leaseRequest.put("runtime", runtime == null ? gateway.config().defaultRuntime() : runtime);
        leaseRequest.put("ttl", ttl != null ? ttl : manifest.deploy().leaseTtl());
        leaseRequest.put("label", label);
        leaseRequest.values().removeIf(Objects::isNull);
        String leaseId = gateway.post("/v1/leases", leaseRequest).at("/data/lease_id").asText();
        try {
            return new LiveTestRun(ctx, gateway, leaseId).run(manifest, descriptor, cutVersionId);
        } finally {
            if (keepLease) {
                ctx.note("lease " + leaseId + " kept (--keep-lease): `ppl lease rollback " + leaseId + "` when done");
            } else {
                rollBack(gateway, leaseId);
            }
        }
    }

    private void rollBack(GatewayClient gateway, String leaseId) {
        try {
            gateway.post("/v1/leases/" + leaseId + "/rollback", Map.of());
            long deadline = System.nanoTime() + 30_000_000_000L;
            String state = "";
            while (System.nanoTime() < deadline) {
                state = gateway.get("/v1/leases/" + leaseId).at("/data/state").asText();
                // failed: rolled back too, and the lease records that its run failed.
                if (state.equals("rolled_back") || state.equals("failed")) {
                    ctx.note("lease " + leaseId + " rolled back");
                    return;
                }
                Thread.sleep(200);
            }
            ctx.note("warning: lease " + leaseId + " is still " + state + " after 30s; its owners finish the cleanup "
                    + "when they can (`ppl lease get " + leaseId + "`)");
        } catch (CliException e) {
            ctx.note("warning: rolling back lease " + leaseId + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A fixture as a file on disk: its local path, or the workspace's stored file downloaded as it arrives into a
     * temporary file, which the caller deletes ({@link #isDownloaded}). Never held whole in memory.
     */
    static Path fixtureFile(CliContext ctx, GatewayClient gateway, Fixture fixture) {
        if (fixture.path() != null) {
            Path file = ctx.cwd().resolve(fixture.path());
            if (!Files.isReadable(file)) {
                throw new CliException(ExitCodes.INVALID_INPUT, "cannot read fixture " + fixture.path());
            }
            return file;
        }
        try {
            Path downloaded = Files.createTempFile("ppl-fixture-", "");
            try {
                gateway.download("/v1/files/" + fixture.fileId() + "/content", downloaded);
            } catch (CliException e) {
                Files.deleteIfExists(downloaded);
                throw e;
            }
            return downloaded;
        } catch (IOException e) {
            throw new CliException(ExitCodes.INVALID_INPUT, "cannot store fixture " + fixture.fileId() + ": " + e);
        }
    }

    /** Whether {@link #fixtureFile} downloaded the fixture into a temporary file of its own. */
    static boolean isDownloaded(Fixture fixture) {
        return fixture.path() == null;
    }

    /** The bytes of a case's {@code expect_file}, relative to the working directory as fixtures are. */
    static byte[] expectedFile(CliContext ctx, TestCase testCase) {
        try {
            return Files.readAllBytes(ctx.cwd().resolve(testCase.expectFile()));
        } catch (IOException e) {
            throw new CliException(ExitCodes.INVALID_INPUT, "cannot read expect_file " + testCase.expectFile() + ": " + e);
        }
    }

    static String mediaType(Path path) {
        return path.getFileName().toString().endsWith(".json") ? "application/json" : "application/octet-stream";
    }

    static List<Fixture> uploaded(CliContext ctx, GatewayClient gateway, List<Fixture> fixtures, String leaseId) {
        List<Fixture> out = new ArrayList<>();
        for (Fixture fixture : fixtures) {
            if (fixture.path() == null) {
                out.add(fixture);
                continue;
            }
            Path file = ctx.cwd().resolve(fixture.path());
            JsonNode stored = gateway.upload("/v1/files?name=" + LeaseCommand.encode(fixture.name()) + "&lease_id="
                    + LeaseCommand.encode(leaseId), fixtureFile(ctx, gateway, fixture), mediaType(file));
            out.add(new Fixture(fixture.name(), null, null, stored.at("/data/file_id").asText()));
        }
        return out;
    }

    static void emitFailure(CliContext ctx, String stage, String error) {
        ctx.emit(LiveTestEvent.codec().encode(new Failed(stage, error, null)));
    }
}
