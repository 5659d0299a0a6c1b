package dev.ppl.examples.imageinvert;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.contracts.component.ComponentDescriptor;
import dev.ppl.contracts.manifest.LiveTestManifest;

class ImageInvertComponentTest {

    @Test
    void invertsEveryPixelOfTheFixtureIntoTheExpectedImageKeepingAlpha() throws Exception {
        byte[] inverted = ImageInvertComponent.invert(Files.readAllBytes(Path.of("tests/square.png"))).orElseThrow();

        BufferedImage actual = decode(inverted);
        BufferedImage expected = decode(Files.readAllBytes(Path.of("tests/inverted.png")));
        BufferedImage original = decode(Files.readAllBytes(Path.of("tests/square.png")));
        assertThat(actual.getWidth()).isEqualTo(expected.getWidth()).isEqualTo(4);
        assertThat(actual.getHeight()).isEqualTo(expected.getHeight()).isEqualTo(4);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                assertThat(actual.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(expected.getRGB(x, y));
                assertThat(actual.getRGB(x, y) >>> 24).isEqualTo(original.getRGB(x, y) >>> 24);
            }
        }
    }

    @Test
    void bytesThatAreNoImageGiveNothing() {
        assertThat(ImageInvertComponent.invert("\"not an image\"".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void theComponentDescriptorDeclaresAnImageToImageComponentThatRunsLocally() throws Exception {
        ComponentDescriptor descriptor = JsonCodec.newYamlMapper().readValue(new File("component.yml"),
                ComponentDescriptor.class);

        assertThat(descriptor.name()).isEqualTo("image-invert");
        assertThat(descriptor.inputs()).extracting(ComponentDescriptor.Port::type).containsExactly("Image");
        assertThat(descriptor.outputs()).extracting(ComponentDescriptor.Port::type).containsExactly("Image");
        assertThat(descriptor.local().command()).endsWith("-jar", "target/image-invert.jar");
    }

    @Test
    void theLiveTestPostsThePngAndExpectsTheInvertedFile() throws Exception {
        LiveTestManifest manifest = JsonCodec.newYamlMapper().readValue(new File("tests/live-test.yml"),
                LiveTestManifest.class);

        assertThat(manifest.graph().vertices().get("in").harness()).isEqualTo("Input Image HTTP");
        assertThat(manifest.graph().vertices().get("out").harness()).isEqualTo("Output Image HTTP");
        assertThat(manifest.cases()).singleElement()
                .satisfies(c -> assertThat(c.expectFile()).isEqualTo("./tests/inverted.png"));
        assertThat(Files.size(Path.of("tests/square.png"))).isLessThan(1024);
    }

    private static BufferedImage decode(byte[] bytes) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(image).isNotNull();
        return image;
    }
}
