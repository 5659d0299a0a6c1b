package dev.ppl.cli.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.ppl.cli.ExitCodes;
import dev.ppl.cli.backend.FakeGateway;

/** {@code ppl component}: the catalog as the gateway answers it, and publishing into it, against {@link FakeGateway}. */
class ComponentCommandTest {
    private static final String COMPONENT = """
            name: shout
            version: 1.0.0
            inputs: [{name: text, type: String}]
            outputs: [{name: upper, type: String}]
            local: {command: [java, -jar, shout.jar]}
            """;

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

    @Test
    void publishSendsTheWorkingDirectorysComponentYmlAndPrintsTheDataEnvelope() throws Exception {
        Files.writeString(home.resolve("component.yml"), COMPONENT);
        gateway.answer(201, "{\"data\": {\"id\": \"cv_1\", \"version\": \"1.0.0\", \"prerelease\": true}}");

        FakeGateway.Run r = ppl("component", "publish", "--prerelease");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json().path("data").path("id").asText()).isEqualTo("cv_1");
        assertThat(r.out()).hasLineCount(1);
        FakeGateway.Request sent = gateway.last();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.pathAndQuery()).isEqualTo("/v1/components/versions");
        assertThat(sent.surface()).isEqualTo("cli");
        assertThat(sent.json().path("prerelease").asBoolean()).isTrue();
        assertThat(sent.json().has("lease_id")).isFalse();
        assertThat(sent.json().path("descriptor").path("name").asText()).isEqualTo("shout");
        assertThat(sent.json().path("descriptor").path("inputs").path(0).path("type").asText()).isEqualTo("String");
        assertThat(sent.json().path("descriptor").path("local").path("workdir").asText())
                .isEqualTo(home.toAbsolutePath().normalize().toString());
    }

    @Test
    void publishTakesAComponentDirectoryOrItsComponentYmlAndRunsItLocallyInThatDirectory() throws Exception {
        Path component = Files.createDirectories(home.resolve("components/shout"));
        Files.writeString(component.resolve("component.yml"), COMPONENT);
        gateway.answer(201, "{\"data\": {\"id\": \"cv_1\"}}");

        assertThat(ppl("component", "publish", "components/shout").code()).isZero();
        assertThat(gateway.last().json().path("prerelease").asBoolean()).isFalse();
        assertThat(gateway.last().json().path("descriptor").path("local").path("workdir").asText())
                .isEqualTo(component.toAbsolutePath().normalize().toString());

        assertThat(ppl("component", "publish", component.resolve("component.yml").toString(), "--prerelease").code())
                .isZero();
        assertThat(gateway.last().json().path("prerelease").asBoolean()).isTrue();
        assertThat(gateway.last().json().path("descriptor").path("local").path("workdir").asText())
                .isEqualTo(component.toAbsolutePath().normalize().toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "missing | does not exist", "not-yaml | invalid component.yml",
            "no-version | version: expected a version string", "no-command | local.command" })
    void anUnusableComponentYmlIsExit2WithOneLineNamingTheFieldAndSendsNothing(String kind, String message)
            throws Exception {
        Path file = home.resolve("component.yml");
        switch (kind) {
            case "not-yaml" -> Files.writeString(file, "name: [shout\n  version: {");
            case "no-version" -> Files.writeString(file, COMPONENT.replace("version: 1.0.0\n", ""));
            case "no-command" -> Files.writeString(file, COMPONENT.replace("[java, -jar, shout.jar]", "[]"));
            default -> {
            }
        }

        FakeGateway.Run r = ppl("component", "publish");

        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).startsWith("ppl: ").contains(message).contains(file.toString()).hasLineCount(1);
        assertThat(r.out()).isEmpty();
        assertThat(gateway.requests()).isEmpty();
    }

    @Test
    void aVersionTheWorkspaceAlreadyHasIsExit3WithOneLineNamingTheField() throws Exception {
        Files.writeString(home.resolve("component.yml"), COMPONENT);
        gateway.answer(409, "{\"title\": \"Conflict\", \"status\": 409, \"detail\": \"component 'shout' already has a "
                + "version '1.0.0' in this workspace; publish a new version string\", \"field\": \"version\"}");

        FakeGateway.Run r = ppl("component", "publish", ".");

        assertThat(r.code()).isEqualTo(ExitCodes.API_REFUSED);
        assertThat(r.err()).startsWith("ppl: 409 Conflict: component 'shout' already has a version '1.0.0'")
                .endsWith("(field: version)" + System.lineSeparator()).hasLineCount(1);
        assertThat(r.out()).isEmpty();
    }
}
