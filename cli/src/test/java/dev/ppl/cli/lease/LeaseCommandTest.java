package dev.ppl.cli.lease;

import static dev.ppl.cli.backend.FakeGateway.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.cli.ExitCodes;
import dev.ppl.cli.backend.FakeGateway;
import dev.ppl.contracts.codec.JsonCodec;

/**
 * {@code ppl lease} and {@code ppl file link} against {@link FakeGateway}: what each verb sends and prints, the
 * refusals the CLI makes itself before sending anything (exit 2), and {@code lease wait}'s stream: one line per
 * event as it arrives, the exit code from the final event, and a final line of its own when the stream breaks,
 * ends early or outlives {@code --timeout}.
 */
class LeaseCommandTest {
    private static final String LEASE = "{\"data\": {\"lease_id\": \"ls_1\", \"state\": \"open\"}}";
    private static final String WAITING = "{\"type\": \"waiting\", \"lease_id\": \"ls_1\", \"until\": \"stable\"}";
    private static final String DEPLOYMENT = "{\"type\": \"deployment\", \"deployment_id\": \"dp_1\", \"status\": \"running\"}";

    @TempDir
    Path home;
    FakeGateway gateway;

    @BeforeEach
    void configure() throws Exception {
        gateway = new FakeGateway();
        gateway.configure(home);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private FakeGateway.Run ppl(String... args) {
        return FakeGateway.ppl(home, args);
    }

    private static JsonNode json(String text) throws Exception {
        return JsonCodec.mapper().readTree(text);
    }

    private static List<String> lines(FakeGateway.Run r) {
        return r.out().lines().toList();
    }

    @Test
    void listPassesEveryFilterOnAndListAndGetEndWithANewline() throws Exception {
        gateway.answer(200, "{\"count\": 1, \"items\": [{\"lease_id\": \"ls_1\"}]}");

        FakeGateway.Run r = ppl("lease", "list", "--label", "nightly run", "--state", "open", "--runtime", "local",
                "--failed");

        assertThat(r.code()).isZero();
        assertThat(gateway.last().method()).isEqualTo("GET");
        assertThat(gateway.last().pathAndQuery())
                .isEqualTo("/v1/leases?label=nightly+run&state=open&runtime=local&failed=true");
        assertThat(r.json()).isEqualTo(json("{\"count\": 1, \"items\": [{\"lease_id\": \"ls_1\"}]}"));
        assertThat(r.out()).endsWith(System.lineSeparator()).hasLineCount(1);
        assertThat(ppl("lease", "list").out()).endsWith(System.lineSeparator());
        assertThat(gateway.last().pathAndQuery()).isEqualTo("/v1/leases");

        gateway.answer(200, LEASE);
        FakeGateway.Run get = ppl("lease", "get", "ls_1");
        assertThat(get.out()).endsWith(System.lineSeparator()).hasLineCount(1);
        assertThat(gateway.last().pathAndQuery()).isEqualTo("/v1/leases/ls_1");
    }

    static Stream<Arguments> verbs() {
        return Stream.of(
                Arguments.of(new String[] { "lease", "promote", "ls_1", "--kind", "file", "--id", "fl_1" }, "POST",
                        "/v1/leases/ls_1/promote", "{\"kind\": \"file\", \"id\": \"fl_1\"}", LEASE),
                Arguments.of(new String[] { "lease", "rollback", "ls_1" }, "POST", "/v1/leases/ls_1/rollback", "{}", LEASE),
                Arguments.of(new String[] { "lease", "commit", "ls_1" }, "POST", "/v1/leases/ls_1/commit", "{}", LEASE),
                Arguments.of(new String[] { "lease", "rollback", "--bulk", "--older-than", "24h", "--failed", "--runtime",
                        "local", "--label-prefix", "nightly-", "--dry-run" }, "POST", "/v1/leases/rollback-bulk",
                        "{\"older_than\": \"24h\", \"failed\": true, \"runtime\": \"local\", \"label_prefix\": \"nightly-\", "
                                + "\"dry_run\": true}",
                        "{\"dry_run\": true, \"count\": 1, \"items\": [{\"lease_id\": \"ls_1\"}]}"),
                Arguments.of(new String[] { "lease", "rollback", "--bulk", "--failed" }, "POST", "/v1/leases/rollback-bulk",
                        "{\"failed\": true}", "{\"dry_run\": false, \"count\": 0, \"items\": []}"),
                Arguments.of(new String[] { "lease", "delete-bulk", "--closed-before", "24h", "--older-than", "7d",
                        "--status", "rolled_back", "--dry-run" }, "POST", "/v1/leases/delete-bulk",
                        "{\"closed_before\": \"24h\", \"older_than\": \"7d\", \"status\": \"rolled_back\", \"dry_run\": true}",
                        "{\"dry_run\": true, \"count\": 0, \"items\": []}"),
                Arguments.of(new String[] { "lease", "debug", "ls_1" }, "GET", "/v1/leases/ls_1/debug", null,
                        "{\"data\": {\"lease\": {\"lease_id\": \"ls_1\"}, \"backend\": null, \"errors\": []}}"),
                Arguments.of(new String[] { "lease", "set-result", "ls_1", "--status", "failed", "--json",
                        "{\"cases\": 2, \"failed\": [\"upper\"]}" }, "PUT", "/v1/leases/ls_1/result",
                        "{\"status\": \"failed\", \"result\": {\"cases\": 2, \"failed\": [\"upper\"]}}", LEASE),
                Arguments.of(new String[] { "file", "link", "s3://models/index.bin", "--lease", "ls_1", "--kind", "s3",
                        "--type", "onnx", "--name", "index" }, "POST", "/v1/files/links",
                        "{\"source_uri\": \"s3://models/index.bin\", \"source_kind\": \"s3\", \"file_type\": \"onnx\", "
                                + "\"lease_id\": \"ls_1\", \"name\": \"index\"}",
                        "{\"data\": {\"file_id\": \"fl_1\", \"source_uri\": \"s3://models/index.bin\"}}"),
                Arguments.of(new String[] { "file", "link", "https://example.org/cat.png", "--kind", "http", "--type",
                        "Image" }, "POST", "/v1/files/links",
                        "{\"source_uri\": \"https://example.org/cat.png\", \"source_kind\": \"http\", \"file_type\": \"Image\"}",
                        "{\"data\": {\"file_id\": \"fl_2\"}}"));
    }

    @ParameterizedTest
    @MethodSource("verbs")
    void eachVerbSendsItsRequestAndPrintsTheAnswerAsItIs(String[] args, String method, String path, String body,
            String answer) throws Exception {
        gateway.answer(200, answer);

        FakeGateway.Run r = ppl(args);

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json()).isEqualTo(json(answer));
        assertThat(r.out()).hasLineCount(1);
        FakeGateway.Request sent = gateway.last();
        assertThat(sent.method()).isEqualTo(method);
        assertThat(sent.pathAndQuery()).isEqualTo(path);
        if (body == null) {
            assertThat(sent.body()).isEmpty();
        } else {
            assertThat(sent.json()).isEqualTo(json(body));
        }
        assertThat(sent.surface()).isEqualTo("cli");
    }

    @Test
    void deletePrintsWhatItDeleted() throws Exception {
        gateway.answer(204, "");

        FakeGateway.Run r = ppl("lease", "delete", "ls_1");

        assertThat(r.code()).isZero();
        assertThat(gateway.last().method()).isEqualTo("DELETE");
        assertThat(gateway.last().pathAndQuery()).isEqualTo("/v1/leases/ls_1");
        assertThat(r.json()).isEqualTo(json("{\"data\": {\"lease_id\": \"ls_1\", \"deleted\": true}}"));
    }

    @Test
    void anApiRefusalIsExitCode3WithOneLineNamingTheField() {
        gateway.answer(409, "{\"title\": \"Conflict\", \"status\": 409, \"detail\": \"lease ls_1 is closed\", "
                + "\"field\": \"state\"}");

        FakeGateway.Run r = ppl("lease", "promote", "ls_1", "--kind", "file", "--id", "fl_1");

        assertThat(r.code()).isEqualTo(ExitCodes.API_REFUSED);
        assertThat(r.err()).isEqualTo("ppl: 409 Conflict: lease ls_1 is closed (field: state)" + System.lineSeparator());
        assertThat(r.out()).isEmpty();
    }

    static Stream<Arguments> refusedBeforeSending() {
        return Stream.of(
                Arguments.of(new String[] { "lease", "rollback", "--bulk" },
                        "--bulk needs at least one filter: --older-than, --failed, --runtime, --label-prefix"),
                Arguments.of(new String[] { "lease", "rollback", "--bulk", "--dry-run" }, "--bulk needs at least one filter"),
                Arguments.of(new String[] { "lease", "rollback", "ls_1", "--bulk", "--failed" }, "not both"),
                Arguments.of(new String[] { "lease", "rollback" }, "give the <lease_id> to roll back, or --bulk"),
                Arguments.of(new String[] { "lease", "rollback", "ls_1", "--failed" }, "go with --bulk only"),
                Arguments.of(new String[] { "lease", "delete-bulk", "--dry-run" },
                        "delete-bulk needs at least one filter: --closed-before, --older-than, --status"),
                Arguments.of(new String[] { "lease", "set-result", "ls_1", "--status", "passed", "--json", "{cases: 2" },
                        "--json: not JSON"),
                Arguments.of(new String[] { "lease", "set-result", "ls_1", "--status", "passed", "--json", "[1, 2]" },
                        "--json: expected a JSON object {...}, got array"),
                Arguments.of(new String[] { "lease", "set-result", "ls_1", "--status", "passed", "--json", "" },
                        "expected a JSON object {...}, got nothing"),
                Arguments.of(new String[] { "lease", "set-result", "ls_1", "--status", "passed", "--json", "@missing.json" },
                        "--json @missing.json: cannot read"),
                Arguments.of(new String[] { "lease", "wait", "ls_1", "--timeout", "soon" },
                        "--timeout: expected a duration such as 90s"));
    }

    @ParameterizedTest
    @MethodSource("refusedBeforeSending")
    void theClisOwnRefusalsAreExitCode2WithOneLineAndNothingSent(String[] args, String message) {
        FakeGateway.Run r = ppl(args);

        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).startsWith("ppl: ").contains(message).hasLineCount(1);
        assertThat(r.out()).isEmpty();
        assertThat(gateway.requests()).isEmpty();
    }

    static Stream<Arguments> badUsage() {
        return Stream.of(
                Arguments.of(new String[] { "lease", "set-result", "ls_1", "--json", "{}" }, "--status"),
                Arguments.of(new String[] { "lease", "promote", "ls_1", "--kind", "file" }, "--id"),
                Arguments.of(new String[] { "file", "link", "s3://models/index.bin", "--kind", "s3" }, "--type"),
                Arguments.of(new String[] { "file", "link", "--kind", "s3", "--type", "onnx" }, "<source_uri>"),
                Arguments.of(new String[] { "lease", "wait", "ls_1", "--max-crashes", "many" }, "--max-crashes"));
    }

    @ParameterizedTest
    @MethodSource("badUsage")
    void aMissingOrMalformedOptionIsAUsageErrorAndSendsNothing(String[] args, String option) {
        FakeGateway.Run r = ppl(args);

        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains(option);
        assertThat(r.out()).isEmpty();
        assertThat(gateway.requests()).isEmpty();
    }

    @Test
    void setResultReadsTheJsonFromAFileWithAt() throws Exception {
        Files.writeString(home.resolve("result.json"), "{\"cases\": {\"upper\": \"passed\"}}");
        gateway.answer(200, LEASE);

        FakeGateway.Run r = ppl("lease", "set-result", "ls_1", "--status", "passed", "--json", "@result.json");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(gateway.last().json())
                .isEqualTo(json("{\"status\": \"passed\", \"result\": {\"cases\": {\"upper\": \"passed\"}}}"));
    }

    // ---- lease wait

    @Test
    void waitPrintsEachEventAsItArrivesAndExits0OnStable() throws Exception {
        String stable = "{\"type\": \"stable\", \"deployment_id\": \"dp_1\"}";
        gateway.stream(2, false, event(WAITING), ": keep-alive\n\n", event(DEPLOYMENT), event(stable));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        CompletableFuture<FakeGateway.Run> run = CompletableFuture
                .supplyAsync(() -> FakeGateway.ppl(home, out, "lease", "wait", "ls_1"));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!out.toString(StandardCharsets.UTF_8).contains("waiting") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).as("the first event is out while the stream is held")
                .contains("\"waiting\"").doesNotContain("deployment");
        gateway.release();
        FakeGateway.Run r = run.get(20, TimeUnit.SECONDS);

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(lines(r)).hasSize(3);
        assertThat(json(lines(r).get(0))).isEqualTo(json(WAITING));
        assertThat(json(lines(r).get(1))).isEqualTo(json(DEPLOYMENT));
        assertThat(json(lines(r).get(2))).isEqualTo(json(stable));
        FakeGateway.Request sent = gateway.last();
        assertThat(sent.method()).isEqualTo("GET");
        assertThat(sent.pathAndQuery()).isEqualTo("/v1/leases/ls_1/wait?until=stable&timeout=15m");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void waitPassesItsOptionsOnAndExits0OnStarted() throws Exception {
        gateway.stream(-1, false, event(WAITING), event("{\"type\": \"started\", \"deployment_id\": \"dp_1\"}"));

        FakeGateway.Run r = ppl("lease", "wait", "ls_1", "--until", "started", "--max-crashes", "5", "--timeout", "90s");

        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(gateway.last().pathAndQuery()).isEqualTo("/v1/leases/ls_1/wait?until=started&max_crashes=5&timeout=90s");
    }

    @Test
    void waitExits1OnTheServersTimeout() throws Exception {
        String timeout = "{\"type\": \"timeout\", \"waited_ms\": 90000, \"last_status\": \"starting\"}";
        gateway.stream(-1, false, event(WAITING), event(timeout));

        FakeGateway.Run r = ppl("lease", "wait", "ls_1");

        assertThat(r.code()).isEqualTo(ExitCodes.TEST_FAILED);
        assertThat(json(lines(r).get(lines(r).size() - 1))).isEqualTo(json(timeout));
    }

    @Test
    void waitExits1WhenTheCrashBudgetIsExhausted() throws Exception {
        String failed = "{\"type\": \"failed\", \"reason\": \"crash_budget_exhausted\", \"container_id\": \"c_1\", "
                + "\"vertex_id\": \"2\", \"restarts\": 6, \"exit_code\": 137}";
        gateway.stream(-1, false, event(WAITING), event(DEPLOYMENT), event(failed));

        FakeGateway.Run r = ppl("lease", "wait", "ls_1", "--max-crashes", "5");

        assertThat(r.code()).isEqualTo(ExitCodes.TEST_FAILED);
        assertThat(lines(r)).hasSize(3);
        assertThat(json(lines(r).get(2))).isEqualTo(json(failed));
    }

    @Test
    void aStreamThatEndsWithoutAFinalEventEndsWithATransportErrorLineAndExit1() throws Exception {
        gateway.stream(-1, false, event(WAITING), event(DEPLOYMENT));

        FakeGateway.Run r = ppl("lease", "wait", "ls_1");

        assertThat(r.code()).isEqualTo(ExitCodes.TEST_FAILED);
        assertThat(lines(r)).hasSize(3);
        JsonNode last = json(lines(r).get(2));
        assertThat(last.path("type").asText()).isEqualTo("failed");
        assertThat(last.path("reason").asText()).isEqualTo("transport_error");
        assertThat(last.path("message").asText()).contains("ended before a final event");
    }

    @Test
    void aGatewayThatCannotBeReachedIsATransportErrorLineAndExit1() throws Exception {
        gateway.close();

        FakeGateway.Run r = ppl("lease", "wait", "ls_1");

        assertThat(r.code()).isEqualTo(ExitCodes.TEST_FAILED);
        assertThat(lines(r)).hasSize(1);
        JsonNode last = json(lines(r).get(0));
        assertThat(last.path("reason").asText()).isEqualTo("transport_error");
        assertThat(last.path("message").asText()).contains("cannot open the wait stream");
    }

    @Test
    void aHungStreamIsCutAtTheTimeoutPlusGraceWithATimeoutLineAndExit1() throws Exception {
        gateway.stream(-1, true, event(WAITING), event(DEPLOYMENT));
        long started = System.nanoTime();

        FakeGateway.Run r = ppl("lease", "wait", "ls_1", "--timeout", "1s");

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(r.code()).isEqualTo(ExitCodes.TEST_FAILED);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(1).plus(LeaseWaitCommand.GRACE))
                .isLessThan(Duration.ofSeconds(1).plus(LeaseWaitCommand.GRACE).plusSeconds(10));
        assertThat(lines(r)).hasSize(3);
        JsonNode last = json(lines(r).get(2));
        assertThat(last.path("type").asText()).isEqualTo("timeout");
        assertThat(last.path("last_status").asText()).isEqualTo("running");
        assertThat(last.path("waited_ms").asLong()).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void aWaitTheApiRefusesIsExitCode3AndPrintsNothing() {
        gateway.answer(404, "{\"title\": \"Not found\", \"status\": 404, \"detail\": \"lease 'ls_9' does not exist in "
                + "this workspace\"}");

        FakeGateway.Run r = ppl("lease", "wait", "ls_9");

        assertThat(r.code()).isEqualTo(ExitCodes.API_REFUSED);
        assertThat(r.err()).startsWith("ppl: 404 Not found: lease 'ls_9' does not exist").hasLineCount(1);
        assertThat(r.out()).isEmpty();
    }
}
