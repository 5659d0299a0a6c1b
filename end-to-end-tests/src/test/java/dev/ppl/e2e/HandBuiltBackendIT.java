package dev.ppl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.e2e.LocalPlatformHarness.Run;

/**
 * The reference page's hand-built path through the CLI's code against the real local platform: publish
 * the component under test, find the harness components, build the graph verb by verb, and use the log
 * (operations, undo, the graph as it was, patch, compact, fork, delete), with refusals that change nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HandBuiltBackendIT {
    private final LocalPlatformHarness platform = new LocalPlatformHarness();

    @BeforeAll
    void startThePlatform() {
        platform.up().assertExit(0);
    }

    @AfterAll
    void stopThePlatform() {
        platform.down().assertExit(0);
        platform.deleteHome();
    }

    @Test
    void aBackendIsBuiltVerbByVerbAndItsLogUndoneReplayedPatchedCompactedAndForked(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("component.yml"), """
                name: shout
                version: 1.0.0
                inputs: [{name: text, type: String}]
                outputs: [{name: upper, type: String}]
                config_schema: {suffix: {type: String, default: '""'}}
                local: {command: ["true"]}
                """);
        String published = ok("component", "publish", dir.toString(), "--prerelease").path("data").path("id").asText();
        Run again = platform.ppl(dir, "component", "publish", "--prerelease");
        again.assertExit(3);
        assertThat(again.stderr()).startsWith("ppl: 409").contains("(field: version)");
        String input = latestVersion("Input JSON HTTP");
        String output = latestVersion("Output JSON HTTP");
        String cut = latestVersion("shout");
        assertThat(cut).isEqualTo(published);

        String b = ok("backend", "create", "--name", "live test").path("data").path("backend_id").asText();
        String in = ok("backend", "add-vertex", b, "--version", input, "--alias", "in").path("data").path("vertex_id").asText();
        String mid = ok("backend", "add-vertex", b, "--version", cut, "--alias", "cut").path("data").path("vertex_id").asText();
        String out = ok("backend", "add-vertex", b, "--version", output, "--alias", "out").path("data").path("vertex_id")
                .asText();
        assertThat(java.util.List.of(in, mid, out)).containsExactly("1", "2", "3");
        ok("backend", "connect", b, "--from-vertex", in, "--from-output", "0", "--to-vertex", mid, "--to-input", "0");
        ok("backend", "connect", b, "--from-vertex", mid, "--from-output", "0", "--to-vertex", out, "--to-input", "0");
        ok("backend", "change-parameter", b, "--vertex", mid, "--name", "suffix", "--type", "String", "--value", "\"!\"");

        Run refused = platform.ppl(platform.repo, "backend", "change-parameter", b, "--vertex", mid, "--name", "suffix",
                "--type", "String", "--value", "unquoted");
        refused.assertExit(3);
        assertThat(refused.stderr()).startsWith("ppl: 400").contains("(field: value)");
        Run secondEdge = platform.ppl(platform.repo, "backend", "connect", b, "--from-vertex", in, "--from-output", "0",
                "--to-vertex", mid, "--to-input", "0");
        secondEdge.assertExit(3);
        assertThat(secondEdge.stderr()).startsWith("ppl: 409").contains("(field: to_input)");
        assertThat(ok("backend", "operations", b).path("data").path("count").asLong()).isEqualTo(7);

        ok("backend", "undo", b, "1");
        assertThat(ok("backend", "get", b).path("data").path("vertices").get(1).path("params").has("suffix")).isFalse();
        assertThat(ok("backend", "get", b, "--at-seq", "6").path("data").path("vertices").get(1).path("params").path("suffix")
                .path("value").asText()).isEqualTo("\"!\"");

        Path patch = dir.resolve("ops.json");
        Files.writeString(patch, """
                [{"type": "change-alias", "vertex_id": "%s", "alias": "model"},
                 {"type": "change-parameter", "vertex_id": "%s", "name": "suffix", "value_type": "String", "value": "\\"?\\""}]
                """.formatted(mid, mid));
        JsonNode preview = ok("backend", "patch", b, "--file", patch.toString(), "--dry-run").path("data");
        assertThat(preview.path("graph").path("vertices").get(1).path("alias").asText()).isEqualTo("model");
        assertThat(ok("backend", "operations", b).path("data").path("count").asLong()).isEqualTo(8);
        ok("backend", "patch", b, "--file", patch.toString());
        JsonNode before = ok("backend", "get", b).path("data");

        JsonNode compacted = ok("backend", "compact", b).path("data");
        assertThat(compacted.path("operations_after").asLong()).isLessThan(compacted.path("operations_before").asLong());
        JsonNode after = ok("backend", "get", b).path("data");
        assertThat(after.path("vertices")).isEqualTo(before.path("vertices"));
        assertThat(after.path("edges")).isEqualTo(before.path("edges"));

        String fork = ok("backend", "create", "--source", b).path("data").path("backend_id").asText();
        JsonNode forked = ok("backend", "get", fork).path("data");
        assertThat(forked.path("vertices")).isEqualTo(after.path("vertices"));
        assertThat(forked.path("name").asText()).isEqualTo("live test");

        ok("backend", "delete", b);
        platform.ppl(platform.repo, "backend", "get", b).assertExit(3);
        assertThat(ok("backend", "get", fork).path("data").path("edges")).hasSize(2);
    }

    private String latestVersion(String name) {
        String componentId = null;
        for (JsonNode item : ok("component", "list", "--query", name).path("items")) {
            if (item.path("name").asText().equals(name)) {
                componentId = item.path("component_id").asText();
            }
        }
        assertThat(componentId).as("component " + name).isNotNull();
        JsonNode versions = ok("component", "versions", componentId);
        assertThat(versions.isArray()).as("a bare array").isTrue();
        for (JsonNode version : versions) {
            for (JsonNode tag : version.path("tags")) {
                if (tag.asText().equals("latest")) {
                    return version.path("id").asText();
                }
            }
        }
        throw new AssertionError("no latest version of " + name + ": " + versions);
    }

    private JsonNode ok(String... args) {
        return platform.ppl(platform.repo, args).assertExit(0).json();
    }
}
