package dev.ppl.contracts.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.ppl.contracts.codec.JsonCodec;

/** Documents users write are refused past their limits, naming the field, before anything is built from them. */
class DocumentLimitsTest {
    private static final ObjectMapper YAML = JsonCodec.newYamlMapper();

    private static String manifest(int vertices, int fixtures, int cases) {
        StringBuilder y = new StringBuilder("fixtures:\n");
        for (int i = 0; i < fixtures; i++) {
            y.append("  - {name: f").append(i).append(", path: f.json}\n");
        }
        y.append("graph:\n  vertices:\n    cut: {}\n");
        for (int i = 1; i < vertices; i++) {
            y.append("    in").append(i).append(": {harness: Input JSON HTTP}\n");
        }
        y.append("cases:\n");
        for (int i = 0; i < cases; i++) {
            y.append("  - {fixture: f0, input: in1, output: in1, expect: 1}\n");
        }
        return y.toString();
    }

    private static Throwable rootOf(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Test
    void aManifestWithinEveryLimitReads() throws Exception {
        assertThat(YAML.readValue(manifest(3, 2, 2), LiveTestManifest.class).cases()).hasSize(2);
    }

    @Test
    void aManifestWithMoreVerticesFixturesOrCasesThanAllowedIsRefusedNamingTheField() {
        assertThatThrownBy(() -> YAML.readValue(manifest(DocumentLimits.MAX_VERTICES + 1, 1, 1), LiveTestManifest.class))
                .satisfies(e -> assertThat(((ManifestException) rootOf(e)).field()).isEqualTo("graph.vertices"))
                .hasRootCauseMessage(
                        "graph.vertices: expected at most 100 entries (setting ppl.manifest.max-vertices), got 101");
        assertThatThrownBy(() -> YAML.readValue(manifest(2, DocumentLimits.MAX_FIXTURES + 1, 1), LiveTestManifest.class))
                .satisfies(e -> assertThat(((ManifestException) rootOf(e)).field()).isEqualTo("fixtures"));
        assertThatThrownBy(() -> YAML.readValue(manifest(2, 1, DocumentLimits.MAX_CASES + 1), LiveTestManifest.class))
                .satisfies(e -> assertThat(((ManifestException) rootOf(e)).field()).isEqualTo("cases"));
    }

    @Test
    void aComponentWithTooManyPortsIsRefusedNamingTheList() {
        String ports = "{name: p, type: String}, ".repeat(DocumentLimits.MAX_DESCRIPTOR_ENTRIES + 1);
        String yaml = "name: c\nversion: 1.0.0\nlocal: {command: [x]}\ninputs: [" + ports + "]\n";
        assertThatThrownBy(() -> YAML.readValue(yaml, dev.ppl.contracts.component.ComponentDescriptor.class))
                .satisfies(e -> assertThat(((ManifestException) rootOf(e)).field()).isEqualTo("inputs"));
    }

    @Test
    void durationsPastTheMaximumOrTooLongToCountAreRefusedNotOverflowed() {
        assertThat(GoDuration.parse("3650d", "ttl")).isEqualTo(Duration.ofDays(3650));
        assertThatThrownBy(() -> GoDuration.parse("3651d", "ttl")).isInstanceOfSatisfying(ManifestException.class,
                e -> assertThat(e.field()).isEqualTo("ttl")).hasMessageContaining("at most 3650d");
        assertThatThrownBy(() -> GoDuration.parse("99999999999999999999999d", "older_than"))
                .isInstanceOfSatisfying(ManifestException.class, e -> assertThat(e.field()).isEqualTo("older_than"));
        assertThatThrownBy(() -> GoDuration.parse("999999999d999999999d", "timeout")).isInstanceOf(ManifestException.class);
    }

    @Test
    void jsonNestedDeeperThanTheLimitIsRefusedByTheParser() {
        String deep = "[".repeat(DocumentLimits.MAX_NESTING + 1) + "]".repeat(DocumentLimits.MAX_NESTING + 1);
        assertThatThrownBy(() -> JsonCodec.mapper().readTree(deep)).isInstanceOf(StreamConstraintsException.class);
        String within = "[".repeat(DocumentLimits.MAX_NESTING) + "]".repeat(DocumentLimits.MAX_NESTING);
        assertThat(readTree(within)).isNotNull();
    }

    @Test
    void yamlNestedTooDeeplyIsRefusedAndAliasesAreNotExpandedWithoutBound() {
        String deep = "a: " + "[".repeat(1000) + "]".repeat(1000);
        assertThatThrownBy(() -> YAML.readTree(deep)).isInstanceOf(Exception.class)
                .hasMessageContaining("nesting depth");
        StringBuilder laughs = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            laughs.append("a").append(i).append(": &a").append(i).append(" [").append(("*a" + (i - 1) + ", ").repeat(10))
                    .append("]\n");
        }
        // Ten levels of ten aliases would be 10^10 nodes expanded; the reader must not expand them.
        assertThat(readYaml(laughs.toString()).length()).isLessThan(100_000);
    }

    private static String readYaml(String yaml) {
        try {
            return YAML.readTree(yaml).toString();
        } catch (Exception e) {
            return "";
        }
    }

    private static Object readTree(String json) {
        try {
            return JsonCodec.mapper().readTree(json);
        } catch (JsonMappingException e) {
            throw new AssertionError(e);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
