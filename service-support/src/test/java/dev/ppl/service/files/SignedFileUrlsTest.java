package dev.ppl.service.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class SignedFileUrlsTest {
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private final SignedFileUrls urls = new SignedFileUrls("0123456789abcdef0123");

    @Test
    void aUrlCarriesTheWorkspaceTheExpiryAndASignatureThatVerifiesUntilItExpires() {
        URI url = urls.url("http://gateway:18080/", "ws_a", "fl_1", NOW.plusSeconds(60));

        assertThat(url.getPath()).isEqualTo("/files/fl_1/content");
        Map<String, String> query = query(url);
        assertThat(query).containsEntry("workspace", "ws_a").containsEntry("expires", Long.toString(NOW.getEpochSecond() + 60));
        long expires = Long.parseLong(query.get("expires"));
        assertThat(urls.valid("ws_a", "fl_1", expires, query.get("signature"), NOW)).isTrue();
        assertThat(urls.valid("ws_a", "fl_1", expires, query.get("signature"), NOW.plusSeconds(60))).as("expired").isFalse();
    }

    @Test
    void aSignatureIsWorthNothingForAnotherFileWorkspaceExpiryOrKey() {
        long expires = NOW.getEpochSecond() + 60;
        String signature = query(urls.url("http://g", "ws_a", "fl_1", NOW.plusSeconds(60))).get("signature");

        assertThat(urls.valid("ws_a", "fl_2", expires, signature, NOW)).isFalse();
        assertThat(urls.valid("ws_b", "fl_1", expires, signature, NOW)).isFalse();
        assertThat(urls.valid("ws_a", "fl_1", expires + 1, signature, NOW)).isFalse();
        assertThat(new SignedFileUrls("another-key-of-20-chars").valid("ws_a", "fl_1", expires, signature, NOW)).isFalse();
        assertThat(urls.valid("ws_a", "fl_1", expires, null, NOW)).isFalse();
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new SignedFileUrls("short")).hasMessageContaining("at least 16 characters");
    }

    private static Map<String, String> query(URI url) {
        return Arrays.stream(url.getQuery().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> p[1]));
    }
}
