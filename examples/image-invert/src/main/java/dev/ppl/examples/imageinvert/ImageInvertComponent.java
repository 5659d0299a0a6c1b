package dev.ppl.examples.imageinvert;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ppl.kit.Component;
import dev.ppl.kit.Value;

/** Image → Image: inverts the colour of every pixel, keeps alpha, and writes a PNG. */
public final class ImageInvertComponent {
    private static final Logger LOG = LoggerFactory.getLogger(ImageInvertComponent.class);

    private ImageInvertComponent() {
    }

    public static void main(String[] args) {
        Component.fromEnvironment().runMessages(message -> {
            if (message.value() instanceof Value.Media media) {
                Optional<byte[]> inverted = invert(media.bytes());
                if (inverted.isPresent()) {
                    return Value.media(inverted.get());
                }
            }
            LOG.warn("skipping request {}: its {} value is no image the JDK can read", message.requestId(),
                    message.type());
            return null;
        });
    }

    /** The inverted image as PNG bytes; empty when the bytes are no image {@link ImageIO} reads. */
    static Optional<byte[]> invert(byte[] image) {
        BufferedImage in;
        try {
            in = ImageIO.read(new ByteArrayInputStream(image));
        } catch (IOException e) {
            return Optional.empty();
        }
        if (in == null) {
            return Optional.empty();
        }
        BufferedImage out = new BufferedImage(in.getWidth(), in.getHeight(), BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < in.getHeight(); y++) {
            for (int x = 0; x < in.getWidth(); x++) {
                out.setRGB(x, y, in.getRGB(x, y) ^ 0x00FFFFFF);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(out, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(png.toByteArray());
    }
}
