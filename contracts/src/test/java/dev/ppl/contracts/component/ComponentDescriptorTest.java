package dev.ppl.contracts.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.contracts.manifest.ManifestException;

class ComponentDescriptorTest {
    private static final ObjectMapper YAML = JsonCodec.newYamlMapper();

    /** A null entry reached the catalog and was answered 500 (found by ApiFuzzIT with {@code config_schema: {p: null}}). */
    @Test
    void aNullEntryOfAListOrMapIsRefusedNamingIt() {
        String base = "name: c\nversion: 1.0.0\nlocal: {command: [x]}\n";
        assertThat(field(base + "config_schema: {p: null}\n")).isEqualTo("config_schema.p");
        assertThat(field(base + "file_schema: {weights: null}\n")).isEqualTo("file_schema.weights");
        assertThat(field(base + "inputs: [{name: a, type: Int}, null]\n")).isEqualTo("inputs[1]");
        assertThat(field(base + "depends_on: [null]\n")).isEqualTo("depends_on[0]");
    }

    /** A version of 900,000 characters reached the catalog's unique index, which refused it: 500 (found by ApiFuzzIT). */
    @Test
    void aNameOrVersionLongerThanTheLimitIsRefusedNamingIt() {
        String local = "local: {command: [x]}\n";
        assertThat(field("name: c\nversion: " + "1".repeat(257) + "\n" + local)).isEqualTo("version");
        assertThat(field("name: " + "c".repeat(257) + "\nversion: 1.0.0\n" + local)).isEqualTo("name");
    }

    private static String field(String yaml) {
        Throwable[] thrown = new Throwable[1];
        assertThatThrownBy(() -> YAML.readValue(yaml, ComponentDescriptor.class)).satisfies(e -> thrown[0] = e);
        Throwable root = thrown[0];
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertThat(root).isInstanceOf(ManifestException.class);
        return ((ManifestException) root).field();
    }
}
