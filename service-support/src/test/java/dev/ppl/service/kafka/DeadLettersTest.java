package dev.ppl.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class DeadLettersTest {

    @Test
    void theErrorNamesTheExceptionClassAndItsMessage() {
        assertThat(DeadLetters.describe(new IllegalArgumentException("lease_id is required")))
                .isEqualTo("java.lang.IllegalArgumentException: lease_id is required");
    }

    @Test
    void aLongErrorIsCutToOneKilobyteOnACharacterBoundary() {
        String described = DeadLetters.describe(new IllegalStateException("é".repeat(5000)));
        assertThat(described.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(DeadLetters.MAX_ERROR_BYTES);
        assertThat(described).startsWith("java.lang.IllegalStateException: é").doesNotContain("\uFFFD");
    }
}
