package dev.ppl.cli.lease;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

import javax.imageio.ImageIO;

/**
 * A media case passes when the binary frame is the expected file: the same bytes, or, when both are images
 * the JDK reads, the same size and pixels. Pixels rather than bytes, because two PNG encoders (the fixture's
 * and the component's) write the same image differently.
 */
final class ImageComparison {
    private ImageComparison() {
    }

    /** Why the actual bytes are not the expected ones; empty when they are. */
    static Optional<String> difference(byte[] expected, byte[] actual) {
        if (Arrays.equals(expected, actual)) {
            return Optional.empty();
        }
        BufferedImage want = decode(expected);
        BufferedImage got = decode(actual);
        if (want == null || got == null) {
            return Optional.of("the " + actual.length + " bytes differ from the expected " + expected.length
                    + (want == null ? " (the expected file is no image the JDK reads)"
                            : " (the frame is no image the JDK reads)"));
        }
        if (want.getWidth() != got.getWidth() || want.getHeight() != got.getHeight()) {
            return Optional.of("the image is " + got.getWidth() + "x" + got.getHeight() + ", expected " + want.getWidth()
                    + "x" + want.getHeight());
        }
        for (int y = 0; y < want.getHeight(); y++) {
            for (int x = 0; x < want.getWidth(); x++) {
                if (want.getRGB(x, y) != got.getRGB(x, y)) {
                    return Optional.of(String.format("pixel %d,%d is #%08x (ARGB), expected #%08x", x, y, got.getRGB(x, y),
                            want.getRGB(x, y)));
                }
            }
        }
        return Optional.empty();
    }

    private static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            return null;
        }
    }
}
