package dev.ppl.cli.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ppl.cli.ExitCodes;
import dev.ppl.cli.backend.FakeGateway;

/** {@code ppl component}: the catalog as the gateway answers it, against {@link FakeGateway}. */
class ComponentCommandTest {
    @TempDir
    Path home;
    FakeGateway gateway;

    @BeforeEach
    void configure() throws Exception {
        gateway = new FakeGateway();
        gateway.configure(home);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private FakeGateway.Run ppl(String... args) {
        return FakeGateway.ppl(home, args);
    }

    @Test
    void versionsPrintsTheBareArraySoJqCanSelectTheLatest() throws Exception {
        gateway.answer(200, "[{\"id\": \"cv_1\", \"version\": \"0.1.0\", \"tags\": []}, "
                + "{\"id\": \"cv_2\", \"version\": \"0.2.0\", \"tags\": [\"latest\"]}]");

        FakeGateway.Run r = ppl("component", "versions", "cp_1");

        assertThat(r.code()).isZero();
        assertThat(gateway.last().pathAndQuery()).isEqualTo("/v1/components/cp_1/versions");
        assertThat(gateway.last().surface()).isEqualTo("cli");
        assertThat(r.json().isArray()).isTrue();
        assertThat(r.json().path(1).path("tags").path(0).asText()).isEqualTo("latest");
    }

    @Test
    void listPassesTheQueryOn() throws Exception {
        gateway.answer(200, "{\"count\": 1, \"items\": [{\"component_id\": \"cp_in\", \"name\": \"Input JSON HTTP\"}]}");

        FakeGateway.Run r = ppl("component", "list", "--query=Input JSON");

        assertThat(r.code()).isZero();
        assertThat(gateway.last().pathAndQuery()).isEqualTo("/v1/components?query=Input+JSON");
        assertThat(r.json().path("items").path(0).path("name").asText()).isEqualTo("Input JSON HTTP");

        assertThat(ppl("component", "list", "--offset", "20", "--limit", "20").code()).isZero();
        assertThat(gateway.last().pathAndQuery()).isEqualTo("/v1/components?offset=20&limit=20");
    }

    @Test
    void versionsNeedsAComponentId() {
        FakeGateway.Run r = ppl("component", "versions");

        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(gateway.requests()).isEmpty();
    }
}
