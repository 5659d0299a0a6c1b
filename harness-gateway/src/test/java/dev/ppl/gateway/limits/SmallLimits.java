package dev.ppl.gateway.limits;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Limits small enough that a test crosses each with a few kilobytes, and a stream cap of two. */
public class SmallLimits implements QuarkusTestProfile {
    static final int JSON_BODY = 16 * 1024;
    static final int UPLOAD_BODY = 3 * 1024 * 1024;
    static final int HARNESS_INPUT_BODY = 64 * 1024;
    static final int IMAGE_PIXELS = 10_000;
    static final int STREAMS_PER_TOKEN = 2;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("ppl.gateway.limits.json-body", String.valueOf(JSON_BODY), "ppl.gateway.limits.upload-body",
                String.valueOf(UPLOAD_BODY), "ppl.gateway.limits.harness-input-body", String.valueOf(HARNESS_INPUT_BODY),
                "ppl.gateway.limits.image-pixels", String.valueOf(IMAGE_PIXELS), "ppl.gateway.limits.streams-per-token",
                String.valueOf(STREAMS_PER_TOKEN));
    }
}
