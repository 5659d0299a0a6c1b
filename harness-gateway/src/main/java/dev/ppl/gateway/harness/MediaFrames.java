package dev.ppl.gateway.harness;

import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ppl.contracts.codec.JsonCodec;

/**
 * The image output harness's frames: per record a metadata text frame, then the image's raw bytes as one
 * binary frame, so a client knows what the bytes are before they arrive.
 */
public final class MediaFrames {
    private MediaFrames() {
    }

    /**
     * {@code {"type": "metadata", "metadata": {request_id, type, media_type, size, width?, height?}}}:
     * {@code media_type} is {@code application/octet-stream} and the size in pixels absent for bytes the JDK
     * cannot read as an image.
     */
    public static String metadata(String requestId, String pipelangType, byte[] value) {
        ObjectNode frame = JsonCodec.mapper().createObjectNode().put("type", "metadata");
        ObjectNode metadata = frame.putObject("metadata");
        metadata.put("request_id", requestId);
        metadata.put("type", pipelangType);
        Optional<Images.ImageInfo> image = Images.read(value, false);
        metadata.put("media_type", image.map(Images.ImageInfo::mediaType).orElse("application/octet-stream"));
        metadata.put("size", value.length);
        image.ifPresent(i -> metadata.put("width", i.width()).put("height", i.height()));
        try {
            return JsonCodec.mapper().writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
