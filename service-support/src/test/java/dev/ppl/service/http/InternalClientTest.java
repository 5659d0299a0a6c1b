package dev.ppl.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.ppl.service.web.ProblemException;

/** A service's refusal reaches the public API's caller as the service gave it, limit included. */
class InternalClientTest {
    @Test
    void aRefusalKeepsTheFieldExpectedAndLimitTheServiceNamed() {
        ProblemException e = InternalClient.refusal("operations-service", 413, """
                {"title": "Payload too large", "status": 413, "detail": "value is 614400 bytes",
                 "field": "value", "expected": "at most 65536 bytes (setting ppl.operations.max-string-bytes)",
                 "limit": 65536}""");

        assertThat(e.status()).isEqualTo(413);
        assertThat(e.field()).isEqualTo("value");
        assertThat(e.expected()).contains("ppl.operations.max-string-bytes");
        assertThat(e.limit()).isEqualTo(65536L);
    }

    @Test
    void aRefusalThatIsNotAboutALimitHasNone() {
        ProblemException e = InternalClient.refusal("lease-service", 404,
                "{\"title\": \"Not found\", \"status\": 404, \"detail\": \"lease ls_1 not found\"}");

        assertThat(e.limit()).isNull();
        assertThat(e.status()).isEqualTo(404);
    }
}
