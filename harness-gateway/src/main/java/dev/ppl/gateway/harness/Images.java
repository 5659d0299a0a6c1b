package dev.ppl.gateway.harness;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * What the image harnesses know of an image: the pipelang type whose records carry raw image bytes, and
 * what {@link ImageIO} reads of a body (PNG, JPEG, GIF, BMP and whatever else the JDK has a reader for).
 */
public final class Images {
    /** The pipelang type of image records: raw bytes, not JSON (docs/internal-api.md, "Data records"). */
    public static final String TYPE = "Image";

    private Images() {
    }

    /**
     * @param mediaType the format's MIME type as the JDK's reader names it ({@code image/png})
     */
    public record ImageInfo(String mediaType, int width, int height) {
        public ImageInfo {
            if (mediaType == null || mediaType.isBlank() || width <= 0 || height <= 0) {
                throw new IllegalArgumentException("an image has a media type and a positive size");
            }
        }
    }

    public static boolean isImage(String pipelangType) {
        return TYPE.equals(pipelangType);
    }

    /**
     * The image's format and size, when the JDK can read it; {@code decode} reads every pixel too, because a
     * reader accepts a valid header in front of a broken or truncated body.
     */
    public static Optional<ImageInfo> read(byte[] bytes, boolean decode) {
        if (bytes == null || bytes.length == 0) {
            return Optional.empty();
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (decode) {
                    reader.read(0);
                }
                String[] mimeTypes = reader.getOriginatingProvider().getMIMETypes();
                String mediaType = mimeTypes != null && mimeTypes.length > 0 ? mimeTypes[0]
                        : "image/" + reader.getFormatName().toLowerCase(Locale.ROOT);
                return Optional.of(new ImageInfo(mediaType, width, height));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
