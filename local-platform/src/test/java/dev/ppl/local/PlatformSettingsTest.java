package dev.ppl.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformSettingsTest {
    private static final Path HOME = Path.of("/home/u/.ppl");
    private static final Path REPO = Path.of("/repo");

    @Test
    void defaultsPutTheDataUnderTheHomeAndTheGatewayOnTheDefaultPortBase() {
        PlatformSettings s = PlatformSettings.parse(new String[] { "run" }, HOME, REPO);

        assertThat(s.dataDir()).isEqualTo(HOME.resolve("local"));
        assertThat(s.port("harness-gateway")).isEqualTo(18080);
        assertThat(s.port("deploy-service")).isEqualTo(18083);
        assertThat(s.postgresPort()).isEqualTo(18084);
        assertThat(s.kafkaPort()).isEqualTo(18085);
    }

    @Test
    void refusesAPortBaseThatIsNotANumberAndUnknownOptions() {
        assertThatThrownBy(() -> PlatformSettings.parse(new String[] { "run", "--port-base", "x" }, HOME, REPO))
                .hasMessageContaining("--port-base");
        assertThatThrownBy(() -> PlatformSettings.parse(new String[] { "run", "--bogus", "1" }, HOME, REPO))
                .hasMessageContaining("--bogus");
        assertThatThrownBy(() -> PlatformSettings.parse(new String[] {}, HOME, REPO)).hasMessageContaining("usage");
    }

    @Test
    void eachServiceIsPointedAtTheOthersAndAtTheSharedKafkaAndPostgres() {
        PlatformSettings s = PlatformSettings.parse(new String[] { "run", "--port-base", "28080", "--data-dir", "/d" }, HOME,
                REPO);
        Map<String, ServiceLaunch> launches = ServiceLaunch.all(s, "127.0.0.1:28085", 28084, "pt_secret", "fk_secret").stream()
                .collect(Collectors.toMap(ServiceLaunch::module, Function.identity()));

        assertThat(launches.keySet()).containsExactlyInAnyOrderElementsOf(ServiceLaunch.MODULES);
        launches.values().forEach(l -> assertThat(l.properties()).containsEntry("kafka.bootstrap.servers", "127.0.0.1:28085")
                .containsEntry("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:28084/ppl"));
        assertThat(launches.get("lease-service").properties())
                .containsEntry("ppl.lease.operations-url", "http://127.0.0.1:28081")
                .containsEntry("ppl.lease.deploy-url", "http://127.0.0.1:28083").containsEntry("quarkus.http.port", "28082");
        assertThat(launches.get("harness-gateway").properties()).containsEntry("ppl.gateway.bootstrap-token", "pt_secret")
                .containsEntry("ppl.gateway.public-url", "http://127.0.0.1:28080");
        assertThat(launches.get("deploy-service").properties()).containsEntry("ppl.deploy.data-dir", "/d/deploy")
                .containsEntry("ppl.deploy.lease-url", "http://127.0.0.1:28082")
                .containsEntry("ppl.deploy.gateway-url", "http://127.0.0.1:28080")
                .containsEntry("ppl.deploy.file-signing-key", "fk_secret");
        assertThat(launches.get("harness-gateway").properties()).containsEntry("ppl.gateway.file-signing-key", "fk_secret");
        assertThat(launches.get("lease-service").properties()).containsEntry("ppl.lease.default-runtime", "local");
        assertThat(launches.get("operations-service").command("java", REPO))
                .startsWith("java", "-Xss512k", "-XX:+UseSerialGC", "-Xmx384m")
                .contains("-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=28081")
                .endsWith("-jar", "/repo/operations-service/target/quarkus-app/quarkus-run.jar");
        assertThat(launches.get("lease-service").command("java", REPO)).startsWith("java", "-Xss512k", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Xmx384m");
    }

    @Test
    void theTokenFileIsReadableByItsOwnerOnly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.json");
        LocalPlatform.writePrivate(file, "{}");

        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrderElementsOf(List.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }

    @Test
    void theWorkspaceTokenIsMadeOnceAndKeptPrivate(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gateway-token");
        String token = LocalPlatform.secret(file, "pt");

        assertThat(token).matches("pt_[a-z2-7]{32}");
        assertThat(LocalPlatform.secret(file, "pt")).isEqualTo(token);
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrderElementsOf(List.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }

    @Test
    void aMissingServiceJarStopsTheStartBeforeAnythingRuns(@TempDir Path dir) {
        PlatformSettings s = PlatformSettings.parse(
                new String[] { "run", "--data-dir", dir.resolve("data").toString(), "--repo", dir.toString() }, HOME, REPO);

        assertThatThrownBy(() -> new LocalPlatform(s).start())
                .hasMessage(dir.resolve("harness-gateway/target/quarkus-app/quarkus-run.jar")
                        + " is missing: run `mvn -DskipTests install` first");
        assertThat(dir.resolve("data")).doesNotExist();
    }
}
