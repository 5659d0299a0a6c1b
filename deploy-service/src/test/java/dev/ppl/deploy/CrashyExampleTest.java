package dev.ppl.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.contracts.component.ComponentDescriptor;
import dev.ppl.contracts.manifest.LiveTestManifest;

/** {@code examples/crashy}, the component the failure tests deploy: it parses as the CLI reads it and exits 3. */
class CrashyExampleTest {
    private static final Path CRASHY = Path.of("../examples/crashy");

    @Test
    void itsComponentIsAStringToStringComponentWhoseLocalCommandExitsWithCode3() throws Exception {
        ComponentDescriptor descriptor = JsonCodec.newYamlMapper().readValue(CRASHY.resolve("component.yml").toFile(),
                ComponentDescriptor.class);
        assertThat(descriptor.name()).isEqualTo("crashy");
        assertThat(descriptor.inputs()).extracting(ComponentDescriptor.Port::type).containsExactly("String");
        assertThat(descriptor.outputs()).extracting(ComponentDescriptor.Port::type).containsExactly("String");

        File stderr = File.createTempFile("crashy", ".err");
        stderr.deleteOnExit();
        Process run = new ProcessBuilder(descriptor.local().command()).directory(CRASHY.toFile())
                .redirectError(stderr).start();

        assertThat(new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("crashy: starting\n");
        assertThat(run.waitFor()).isEqualTo(3);
        assertThat(Files.readString(stderr.toPath())).isEqualTo("crashy: giving up\n");
    }

    @Test
    void itsLiveTestHasTheComponentAsItsCutBetweenJsonHarnesses() throws Exception {
        LiveTestManifest manifest = JsonCodec.newYamlMapper().readValue(CRASHY.resolve("tests/live-test.yml").toFile(),
                LiveTestManifest.class);

        assertThat(manifest.cutVertex()).isEqualTo("cut");
        assertThat(manifest.release().auto()).isTrue();
        assertThat(manifest.fixtures()).singleElement().satisfies(f -> assertThat(CRASHY.resolve("tests")
                .resolve(Path.of(f.path()).getFileName())).exists());
    }
}
