package dev.ppl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The CLI's refusals: bad input is one line on stderr and a documented exit code, and nothing is sent
 * to a gateway (none is configured in these tests, so any call would fail with exit 4 instead).
 */
class CliTest {
    @TempDir
    Path home;

    record Result(int code, String out, String err) {
    }

    private Result ppl(Path cwd, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Ppl.run(args, new CliContext(Map.of("PPL_HOME", home.toString()), cwd,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path manifests() {
        try {
            return Path.of(CliTest.class.getResource("manifests/valid.yml").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @CsvSource({ "no-graph.yml, graph: expected a graph", "two-cuts.yml, exactly one vertex without a harness",
            "undeclared-edge.yml, graph.edges[0].to", "undeclared-fixture.yml, cases[0].fixture",
            "two-expectations.yml, exactly one of expect (a JSON value) and expect_file", "not-yaml.yml, invalid manifest",
            "missing.yml, does not exist" })
    void aBadManifestIsRefusedWithExitCode2AndOneLineNamingTheField(String manifest, String message) {
        Result r = ppl(manifests(), "lease", "run", "--test=" + manifest, "--cut-version-id=cv_x");

        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains(message).hasLineCount(1);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aManifestWithoutReleaseNeedsACutVersionId() {
        Result r = ppl(manifests(), "lease", "run", "--test=valid.yml");

        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("--cut-version-id");
    }

    @Test
    void aMissingFixtureFileIsRefusedBeforeAnythingIsCreated(@TempDir Path cwd) throws Exception {
        Files.copy(manifests().resolve("valid.yml"), cwd.resolve("valid.yml"));

        Result r = ppl(cwd, "lease", "run", "--test=valid.yml", "--cut-version-id=cv_x");

        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("fixture 'hello'", "does not exist");
    }

    @Test
    void aValidManifestWithoutAConfiguredGatewayExitsWith4() {
        Result r = ppl(manifests(), "lease", "run", "--test=valid.yml", "--cut-version-id=cv_x");

        assertThat(r.code()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.err()).contains("ppl local up");
    }

    @Test
    void anUnreachableGatewayExitsWith4() throws Exception {
        Files.writeString(home.resolve("config.json"), "{\"gateway_url\": \"http://127.0.0.1:1\", \"token\": \"pt_x\"}");

        Result r = ppl(manifests(), "lease", "list");

        assertThat(r.code()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.err()).contains("cannot reach the gateway").hasLineCount(1);
    }

    @Test
    void localStatusWithoutAPlatformSaysNotRunningAndExits1() {
        Result r = ppl(home, "local", "status");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("not running");
    }

    @Test
    void localDownWithoutAPlatformIsASuccess() {
        assertThat(ppl(home, "local", "down").code()).isZero();
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithExitCode2() {
        assertThat(ppl(home, "lease", "run", "--bogus").code()).isEqualTo(ExitCodes.INVALID_INPUT);
    }

    @Test
    void helpListsTheExitCodes() {
        Result r = ppl(home, "--help");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Exit codes:", "the API refused the request");
    }
}
