package dev.ppl.cli.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageComparisonTest {

    @Test
    void theSameImageEncodedTwoWaysIsTheSameAndTheFirstChangedPixelIsNamed() throws Exception {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(1, 1, 0xff102030);
        byte[] png = encode(image, "png");
        BufferedImage opaque = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        opaque.setRGB(1, 1, 0x102030);

        assertThat(ImageComparison.difference(png, png)).isEmpty();
        assertThat(ImageComparison.difference(png, encode(copyWithExtraPixel(image), "png")))
                .hasValue("pixel 2,0 is #ffffffff (ARGB), expected #00000000");
        assertThat(ImageComparison.difference(encode(opaque, "png"), encode(opaque, "bmp"))).isEmpty();
    }

    @Test
    void anImageOfAnotherSizeOrBytesThatAreNoImageDiffer() throws Exception {
        byte[] small = encode(new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB), "png");
        byte[] large = encode(new BufferedImage(4, 2, BufferedImage.TYPE_INT_ARGB), "png");

        assertThat(ImageComparison.difference(small, large)).hasValue("the image is 4x2, expected 2x2");
        assertThat(ImageComparison.difference(small, "{}".getBytes(StandardCharsets.UTF_8)))
                .hasValueSatisfying(why -> assertThat(why).contains("the frame is no image"));
    }

    @Test
    void aFixtureIsPostedAsTheImageItsBytesShowElseAsJson(@TempDir Path dir) throws Exception {
        Path png = Files.write(dir.resolve("fixture.png"), encode(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png"));
        Path json = Files.writeString(dir.resolve("fixture.json"), "\"hello ppl\"");
        assertThat(LiveTestRun.postedMediaType(png)).isEqualTo("image/png");
        assertThat(LiveTestRun.postedMediaType(json)).isEqualTo("application/json");
    }

    private static BufferedImage copyWithExtraPixel(BufferedImage image) {
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_ARGB);
        copy.getGraphics().drawImage(image, 0, 0, null);
        copy.setRGB(2, 0, 0xffffffff);
        return copy;
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }
}
