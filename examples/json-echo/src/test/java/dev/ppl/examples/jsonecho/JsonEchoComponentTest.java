package dev.ppl.examples.jsonecho;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.contracts.component.ComponentDescriptor;
import dev.ppl.contracts.manifest.LiveTestManifest;

class JsonEchoComponentTest {

    @Test
    void echoesEveryKindOfJsonValueUnchanged() throws Exception {
        for (String json : new String[] { "\"text\"", "42", "2.5", "true", "null", "[1, \"a\"]", "{\"a\": {\"b\": []}}" }) {
            JsonNode value = JsonCodec.mapper().readTree(json);
            assertThat(JsonEchoComponent.echo(value)).isEqualTo(value);
        }
    }

    @Test
    void theComponentDescriptorDeclaresAGenericComponentThatRunsLocally() throws Exception {
        ComponentDescriptor descriptor = JsonCodec.newYamlMapper().readValue(new File("component.yml"),
                ComponentDescriptor.class);

        assertThat(descriptor.name()).isEqualTo("json-echo");
        assertThat(descriptor.inputs()).extracting(ComponentDescriptor.Port::type).containsExactly("t");
        assertThat(descriptor.outputs()).extracting(ComponentDescriptor.Port::type).containsExactly("t");
        assertThat(descriptor.local().command()).endsWith("-jar", "target/json-echo.jar");
    }

    @Test
    void theLiveTestExpectsTheFixtureBackUnchanged() throws Exception {
        LiveTestManifest manifest = JsonCodec.newYamlMapper().readValue(new File("tests/live-test.yml"),
                LiveTestManifest.class);
        JsonNode fixture = JsonCodec.mapper().readTree(new File("tests/record.json"));

        assertThat(manifest.cutVertex()).isEqualTo("cut");
        assertThat(manifest.cases()).singleElement().satisfies(c -> assertThat(c.expect()).isEqualTo(fixture));
    }
}
