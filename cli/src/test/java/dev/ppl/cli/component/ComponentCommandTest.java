package dev.ppl.cli.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.cli.CliContext;
import dev.ppl.cli.ExitCodes;
import dev.ppl.cli.Ppl;
import dev.ppl.cli.backend.FakeGateway;
import dev.ppl.contracts.codec.JsonCodec;

/** {@code ppl component}: the catalog as the gateway answers it, against {@link FakeGateway}. */
class ComponentCommandTest {
    @TempDir
    Path home;
    FakeGateway gateway;

    record Result(int code, String out, String err) {
        JsonNode json() throws Exception {
            return JsonCodec.mapper().readTree(out);
        }
    }

    @BeforeEach
    void configure() throws Exception {
        gateway = new FakeGateway();
        Files.writeString(home.resolve("config.json"),
                "{\"gateway_url\": \"" + gateway.url() + "\", \"token\": \"pt_clitest\"}");
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private Result ppl(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Ppl.run(args, new CliContext(Map.of("PPL_HOME", home.toString()), home,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void versionsPrintsTheBareArraySoJqCanSelectTheLatest() throws Exception {
        gateway.answer(200, "[{\"id\": \"cv_1\", \"version\": \"0.1.0\", \"tags\": []}, "
                + "{\"id\": \"cv_2\", \"version\": \"0.2.0\", \"tags\": [\"latest\"]}]");

        Result r = ppl("component", "versions", "cp_1");

        assertThat(r.code()).isZero();
        assertThat(gateway.last().pathAndQuery()).isEqualTo("/v1/components/cp_1/versions");
        assertThat(gateway.last().surface()).isEqualTo("cli");
        assertThat(r.json().isArray()).isTrue();
        assertThat(r.json().path(1).path("tags").path(0).asText()).isEqualTo("latest");
    }

    @Test
    void listPassesTheQueryOn() throws Exception {
        gateway.answer(200, "{\"count\": 1, \"items\": [{\"component_id\": \"cp_in\", \"name\": \"Input JSON HTTP\"}]}");

        Result r = ppl("component", "list", "--query=Input JSON");

        assertThat(r.code()).isZero();
        assertThat(gateway.last().pathAndQuery()).isEqualTo("/v1/components?query=Input+JSON");
        assertThat(r.json().path("items").path(0).path("name").asText()).isEqualTo("Input JSON HTTP");

        assertThat(ppl("component", "list", "--offset", "20", "--limit", "20").code()).isZero();
        assertThat(gateway.last().pathAndQuery()).isEqualTo("/v1/components?offset=20&limit=20");
    }

    @Test
    void versionsNeedsAComponentId() {
        Result r = ppl("component", "versions");

        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(gateway.requests()).isEmpty();
    }
}
