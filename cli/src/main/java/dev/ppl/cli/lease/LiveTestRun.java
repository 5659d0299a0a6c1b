package dev.ppl.cli.lease;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLConnection;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.cli.CliContext;
import dev.ppl.cli.CliException;
import dev.ppl.cli.ExitCodes;
import dev.ppl.cli.http.GatewayClient;
import dev.ppl.cli.http.TextFrames;
import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.contracts.component.ComponentDescriptor;
import dev.ppl.contracts.livetest.CaseFailed;
import dev.ppl.contracts.livetest.CasePassed;
import dev.ppl.contracts.livetest.LiveTestEvent;
import dev.ppl.contracts.livetest.StartLiveTest;
import dev.ppl.contracts.manifest.LiveTestManifest;
import dev.ppl.contracts.manifest.LiveTestManifest.Fixture;
import dev.ppl.contracts.manifest.LiveTestManifest.TestCase;

/** One live test inside an open lease: release, fixtures, the server's event stream, then the cases. */
final class LiveTestRun {
    /** Deploys take seconds here but minutes on cold Kubernetes runtimes; a quiet stream is not a dead one. */
    private static final long STREAM_IDLE_MINUTES = 10;
    private static final long FRAME_TIMEOUT_SECONDS = 30;

    private final CliContext ctx;
    private final GatewayClient gateway;
    private final String leaseId;
    private final Map<String, String> vertexIds = new HashMap<>();
    private String backendId;

    LiveTestRun(CliContext ctx, GatewayClient gateway, String leaseId) {
        this.ctx = ctx;
        this.gateway = gateway;
        this.leaseId = leaseId;
    }

    int run(LiveTestManifest manifest, ComponentDescriptor toPublish, String cutVersionId) {
        String cut = cutVersionId;
        if (toPublish != null) {
            try {
                cut = gateway.post("/v1/components/versions",
                        Map.of("descriptor", toPublish, "prerelease", true, "lease_id", leaseId)).at("/data/id").asText();
            } catch (CliException e) {
                LeaseRunCommand.emitFailure(ctx, "release", "publishing the prerelease failed: " + e.getMessage());
                return ExitCodes.TEST_FAILED;
            }
        }
        List<Fixture> fixtures;
        try {
            fixtures = LeaseRunCommand.uploaded(ctx, gateway, manifest.fixtures(), leaseId);
        } catch (CliException e) {
            LeaseRunCommand.emitFailure(ctx, "fixtures", "uploading fixtures failed: " + e.getMessage());
            return ExitCodes.TEST_FAILED;
        }
        LiveTestManifest resolved = new LiveTestManifest(manifest.release(), manifest.deploy(), fixtures,
                manifest.graph(), manifest.outputFiles(), manifest.cases());
        if (!streamUntilReady(new StartLiveTest(resolved, cut))) {
            return ExitCodes.TEST_FAILED;
        }
        boolean passed = runCases(resolved);
        recordResult(passed, resolved.cases().size());
        return passed ? ExitCodes.OK : ExitCodes.TEST_FAILED;
    }

    /**
     * Keeps the cases' verdict on the lease (a setup failure the server records itself), so a kept lease whose
     * cases failed is found by {@code ppl lease rollback --bulk --failed} and its debug bundle outlives it.
     */
    private void recordResult(boolean passed, int cases) {
        try {
            gateway.put("/v1/leases/" + leaseId + "/result", Map.of("status", passed ? "passed" : "failed", "result",
                    Map.of("cases", cases, "verdict", passed ? "every case passed" : "a case failed")));
        } catch (CliException e) {
            ctx.note("could not record the result on lease " + leaseId + ": " + e.getMessage());
        }
    }

    /** Prints every server event as it arrives; true when the stream ended with {@code ready}. */
    private boolean streamUntilReady(StartLiveTest start) {
        TextFrames frames = new TextFrames();
        WebSocket socket;
        try {
            socket = gateway.webSocket("/v1/leases/" + leaseId + "/live-test", frames);
        } catch (CliException e) {
            LeaseRunCommand.emitFailure(ctx, "transport", e.getMessage());
            return false;
        }
        try {
            socket.sendText(LiveTestEvent.codec().encode(start), true).join();
            while (true) {
                TextFrames.Next next = frames.next(STREAM_IDLE_MINUTES, TimeUnit.MINUTES);
                if (next instanceof TextFrames.Frame frame) {
                    ctx.emit(frame.text());
                    JsonNode event = parse(frame.text());
                    switch (event.path("type").asText()) {
                        case "backend_created" -> backendId = event.path("backend_id").asText();
                        case "vertex_added" -> vertexIds.put(event.path("vertex").asText(), event.path("vertex_id").asText());
                        case "ready" -> {
                            return true;
                        }
                        case "failed" -> {
                            return false;
                        }
                        default -> {
                        }
                    }
                } else {
                    String why = next instanceof TextFrames.Closed closed ? closed.reason()
                            : "no event for " + STREAM_IDLE_MINUTES + " minutes";
                    LeaseRunCommand.emitFailure(ctx, "transport", "the live-test stream ended before ready or failed: " + why);
                    return false;
                }
            }
        } finally {
            socket.abort();
        }
    }

    private boolean runCases(LiveTestManifest manifest) {
        if (manifest.cases().isEmpty()) {
            return true;
        }
        Map<String, JsonNode> endpoints = new HashMap<>();
        for (JsonNode row : gateway.get("/v1/backends/" + backendId + "/forward").path("items")) {
            endpoints.put(row.path("vertex_id").asText(), row);
        }
        boolean allPassed = true;
        for (TestCase testCase : manifest.cases()) {
            allPassed &= runCase(manifest, testCase, endpoints);
        }
        return allPassed;
    }

    private boolean runCase(LiveTestManifest manifest, TestCase testCase, Map<String, JsonNode> endpoints) {
        JsonNode input = endpoints.get(vertexIds.get(testCase.input()));
        JsonNode output = endpoints.get(vertexIds.get(testCase.output()));
        if (input == null || output == null) {
            return failCase(testCase, null, "vertex '" + (input == null ? testCase.input() : testCase.output())
                    + "' has no harness endpoint");
        }
        Fixture fixture = manifest.fixtures().stream().filter(f -> f.name().equals(testCase.fixture())).findFirst()
                .orElseThrow();
        TextFrames frames = new TextFrames();
        WebSocket socket;
        try {
            // Open the output before posting, so the answer cannot arrive while the reader is still connecting.
            socket = gateway.openWebSocket(URI.create(GatewayClient.toWebSocket(output.path("url").asText())),
                    output.path("token").asText(), frames);
        } catch (CliException e) {
            return failCase(testCase, null, e.getMessage());
        }
        try {
            Path content = LeaseRunCommand.fixtureFile(ctx, gateway, fixture);
            try {
                gateway.postTo(URI.create(input.path("url").asText()), input.path("token").asText(), content,
                        postedMediaType(content));
            } finally {
                if (LeaseRunCommand.isDownloaded(fixture)) {
                    deleteQuietly(content);
                }
            }
            TextFrames.Next next = frames.next(FRAME_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!(next instanceof TextFrames.Frame frame)) {
                return failCase(testCase, null, noFrame(next));
            }
            JsonNode actual = parse(frame.text());
            if (testCase.expectFile() != null) {
                return checkMedia(testCase, actual, frames);
            }
            if (JsonComparison.sameJson(testCase.expect(), actual)) {
                ctx.emit(LiveTestEvent.codec().encode(new CasePassed(testCase.name(), testCase.fixture(), actual)));
                return true;
            }
            return failCase(testCase, actual, null);
        } catch (CliException e) {
            return failCase(testCase, null, e.getMessage());
        } finally {
            socket.abort();
        }
    }

    /**
     * A media output harness sends a metadata text frame, then the bytes as one binary frame; the case passes when
     * those bytes are the image of {@code expect_file} ({@link ImageComparison}) and reports the metadata.
     */
    private boolean checkMedia(TestCase testCase, JsonNode metadata, TextFrames frames) {
        if (!metadata.path("type").asText().equals("metadata")) {
            return failCase(testCase, metadata, "expected a metadata text frame first, as an image output harness sends");
        }
        TextFrames.Next next = frames.next(FRAME_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!(next instanceof TextFrames.Binary binary)) {
            return failCase(testCase, metadata, next instanceof TextFrames.Frame text
                    ? "expected a binary frame after the metadata, got a text frame: " + text.text()
                    : noFrame(next));
        }
        byte[] expected = LeaseRunCommand.expectedFile(ctx, testCase);
        Optional<String> difference = ImageComparison.difference(expected, binary.bytes());
        if (difference.isEmpty()) {
            ctx.emit(LiveTestEvent.codec().encode(new CasePassed(testCase.name(), testCase.fixture(), metadata)));
            return true;
        }
        return failCase(testCase, metadata, difference.get() + " (" + testCase.expectFile() + ")");
    }

    /**
     * What a fixture is posted as: the image type its first bytes show (PNG, JPEG, GIF), so an image input harness
     * gets an image, else JSON as before.
     */
    /** What the fixture's first bytes show it is: an image type, else JSON. */
    static String postedMediaType(Path content) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(content))) {
            String sniffed = URLConnection.guessContentTypeFromStream(in);
            return sniffed != null && sniffed.startsWith("image/") ? sniffed : "application/json";
        } catch (IOException e) {
            return "application/json";
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file left behind is the system's to clean; the case's result stands
        }
    }

    private static String noFrame(TextFrames.Next next) {
        return next instanceof TextFrames.Closed closed ? closed.reason()
                : next instanceof TextFrames.Binary ? "expected a text frame, got a binary frame"
                        : "no output frame within " + FRAME_TIMEOUT_SECONDS + "s";
    }

    private boolean failCase(TestCase testCase, JsonNode actual, String error) {
        JsonNode expected = testCase.expect() != null ? testCase.expect()
                : JsonCodec.mapper().createObjectNode().put("expect_file", testCase.expectFile());
        ctx.emit(LiveTestEvent.codec().encode(new CaseFailed(testCase.name(), testCase.fixture(), expected, actual, error)));
        return false;
    }

    private static JsonNode parse(String text) {
        try {
            return JsonCodec.mapper().readTree(text);
        } catch (IOException e) {
            return JsonCodec.mapper().getNodeFactory().textNode(text);
        }
    }
}
