package dev.ppl.kit;

import java.util.Arrays;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The value of one record on the data plane: JSON for serialisable pipelang types, raw bytes for media
 * (docs/internal-api.md, "Data records").
 */
public sealed interface Value permits Value.Json, Value.Media {

    /**
     * The pipelang types whose records carry raw bytes. Only {@code Image} so far: it is the one media type
     * whose harness ({@code Input Image HTTP}) writes raw bytes; the other media harnesses still send JSON.
     */
    Set<String> MEDIA_TYPES = Set.of("Image");

    static boolean isMedia(String type) {
        return type != null && MEDIA_TYPES.contains(type.strip());
    }

    static Json json(JsonNode node) {
        return new Json(node);
    }

    static Media media(byte[] bytes) {
        return new Media(bytes);
    }

    record Json(JsonNode node) implements Value {
        public Json {
            if (node == null) {
                throw new IllegalArgumentException("a JSON value needs a node (JSON null is NullNode)");
            }
        }
    }

    /** Raw media bytes, for instance a PNG; copied in and out so no caller can change a record's value. */
    record Media(byte[] bytes) implements Value {
        public Media {
            if (bytes == null || bytes.length == 0) {
                throw new IllegalArgumentException("a media value needs bytes");
            }
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Media media && Arrays.equals(bytes, media.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Media[" + bytes.length + " bytes]";
        }
    }
}
