package dev.ppl.examples.uppercase;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.TextNode;

import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.contracts.component.ComponentDescriptor;
import dev.ppl.contracts.manifest.LiveTestManifest;

class UppercaseComponentTest {

    @Test
    void upperCasesTheTextAndAppendsTheSuffix() {
        assertThat(UppercaseComponent.shout(TextNode.valueOf("hello ppl"), "!")).isEqualTo(TextNode.valueOf("HELLO PPL!"));
    }

    @Test
    void theComponentDescriptorDeclaresAStringToStringComponentThatRunsLocally() throws Exception {
        ComponentDescriptor descriptor = JsonCodec.newYamlMapper().readValue(new File("component.yml"),
                ComponentDescriptor.class);

        assertThat(descriptor.name()).isEqualTo("uppercase");
        assertThat(descriptor.inputs()).extracting(ComponentDescriptor.Port::type).containsExactly("String");
        assertThat(descriptor.outputs()).extracting(ComponentDescriptor.Port::type).containsExactly("String");
        assertThat(descriptor.configSchema().get("suffix").defaultValue()).isEqualTo("\"\"");
        assertThat(descriptor.local().command()).endsWith("-jar", "target/uppercase.jar");
    }

    @Test
    void theLiveTestManifestHasOneCaseAndOneCut() throws Exception {
        LiveTestManifest manifest = JsonCodec.newYamlMapper().readValue(new File("tests/live-test.yml"),
                LiveTestManifest.class);

        assertThat(manifest.cutVertex()).isEqualTo("cut");
        assertThat(manifest.cases()).singleElement()
                .satisfies(c -> assertThat(c.expect()).isEqualTo(TextNode.valueOf("HELLO PPL!")));
    }
}
