package dev.ppl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.e2e.LocalPlatformHarness.Run;

/**
 * The json-echo and image-invert examples' own live tests, as a user runs them from each example's folder, on
 * the real local platform: JSON through the JSON harnesses, and a PNG through the image harnesses (raw bytes on
 * the data plane, a metadata text frame and a binary frame out of the gateway).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExampleLiveTestsIT {
    private static final List<String> SETUP = List.of("lease_created", "backend_created", "vertex_added", "vertex_added",
            "vertex_added", "edge_connected", "edge_connected", "deploy_started", "container", "ready");

    private final LocalPlatformHarness platform = new LocalPlatformHarness();
    private final List<String> leases = new ArrayList<>();

    @BeforeAll
    void startThePlatform() {
        platform.up().assertExit(0);
    }

    @AfterAll
    void stopThePlatform() {
        platform.down().assertExit(0);
        for (String lease : leases) {
            assertThat(LocalPlatformHarness.processesOfLease(lease)).as("processes of lease " + lease).isEmpty();
        }
        platform.deleteHome();
    }

    @Test
    void theImageInvertLiveTestPostsAPngAndGetsItsInvertedPixelsBackAsMetadataThenBytes() {
        Run run = platform.ppl(platform.example("image-invert"), "lease", "run", "--test=tests/live-test.yml",
                "--runtime=local").assertExit(0);

        assertThat(run.types()).containsExactlyElementsOf(with(SETUP, "case_passed"));
        JsonNode passed = run.first("case_passed");
        assertThat(passed.get("name").asText()).isEqualTo("inverts");
        JsonNode metadata = passed.at("/actual/metadata");
        assertThat(passed.at("/actual/type").asText()).isEqualTo("metadata");
        assertThat(metadata.get("type").asText()).isEqualTo("Image");
        assertThat(metadata.get("media_type").asText()).isEqualTo("image/png");
        assertThat(metadata.get("width").asInt()).isEqualTo(4);
        assertThat(metadata.get("height").asInt()).isEqualTo(4);
        assertThat(metadata.get("size").asInt()).isPositive();
        assertThat(metadata.get("request_id").asText()).isNotBlank();
        assertRolledBack(run, "rolled_back");
    }

    @Test
    void anImageCaseWhosePixelsDifferFailsTheRunNamingThePixel() {
        Run run = platform.ppl(platform.example("image-invert"), "lease", "run", "--test=" + resource("image-unchanged.yml"),
                "--runtime=local").assertExit(1);

        assertThat(run.types()).containsExactlyElementsOf(with(SETUP, "case_failed"));
        JsonNode failed = run.first("case_failed");
        assertThat(failed.at("/expected/expect_file").asText()).isEqualTo("./tests/square.png");
        assertThat(failed.at("/actual/metadata/media_type").asText()).isEqualTo("image/png");
        assertThat(failed.get("error").asText()).startsWith("pixel 0,0 is #");
        assertRolledBack(run, "failed");
    }

    @Test
    void theJsonEchoLiveTestGetsTheFixtureBackUnchanged() throws IOException {
        Run run = platform.ppl(platform.example("json-echo"), "lease", "run", "--test=tests/live-test.yml",
                "--runtime=local").assertExit(0);

        assertThat(run.types()).containsExactlyElementsOf(with(SETUP, "case_passed"));
        JsonNode fixture = JsonCodec.mapper().readTree(platform.example("json-echo").resolve("tests/record.json").toFile());
        assertThat(run.first("case_passed").get("actual")).isEqualTo(fixture);
        assertRolledBack(run, "rolled_back");
    }

    private void assertRolledBack(Run run, String state) {
        String leaseId = run.first("lease_created").get("lease_id").asText();
        leases.add(leaseId);
        Run get = platform.ppl(platform.repo, "lease", "get", leaseId).assertExit(0);
        assertThat(get.json().at("/data/state").asText()).isEqualTo(state);
        assertThat(LocalPlatformHarness.processesOfLease(leaseId)).isEmpty();
    }

    private static List<String> with(List<String> setup, String last) {
        List<String> all = new ArrayList<>(setup);
        all.add(last);
        return all;
    }

    private static Path resource(String name) {
        try {
            Path path = Path.of(ExampleLiveTestsIT.class.getResource(name).toURI());
            assertThat(Files.isRegularFile(path)).isTrue();
            return path;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
