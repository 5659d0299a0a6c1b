package dev.ppl.local.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import dev.ppl.local.Infrastructure;
import dev.ppl.local.Ports;
import dev.ppl.local.postgres.Postgres;

/**
 * One real Kafka broker and one real PostgreSQL for all the tests of a JVM, started on first use on free
 * ports in a temporary directory with the same starters the local platform uses, stopped at JVM exit and
 * their directory deleted. The PostgreSQL binaries are unpacked once per machine, into
 * {@code ${java.io.tmpdir}/ppl-embedded-pg}, and shared by every test JVM.
 */
public final class SharedInfrastructure {
    private static SharedInfrastructure instance;

    private final Infrastructure infrastructure;

    private SharedInfrastructure(Infrastructure infrastructure) {
        this.infrastructure = infrastructure;
    }

    public static synchronized SharedInfrastructure get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("ppl-test-infra");
                Path binaries = Path.of(System.getProperty("java.io.tmpdir"), "ppl-embedded-pg");
                Infrastructure infrastructure = Infrastructure.start(dir, binaries, Ports.free(), Ports.free(), Ports.free());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    infrastructure.stop();
                    delete(dir);
                }, "ppl-test-infra-stop"));
                instance = new SharedInfrastructure(infrastructure);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }

    /** Stops PostgreSQL in place, for a test of an outage; {@link #startPostgres()} brings it back. */
    public void stopPostgres() {
        infrastructure.postgres().stopInPlace();
    }

    /** Starts PostgreSQL again on the same port with the same data. */
    public void startPostgres() {
        infrastructure.postgres().startAgain();
    }

    /** Stops the Kafka broker in place, for a test of an outage; {@link #startKafka()} brings it back. */
    public void stopKafka() {
        infrastructure.kafka().stopInPlace();
    }

    /** Starts the Kafka broker again on the same ports with the same log. */
    public void startKafka() {
        infrastructure.kafka().startAgain();
    }

    public String kafkaBootstrap() {
        return infrastructure.kafka().bootstrapServers();
    }

    public String jdbcUrl() {
        return infrastructure.postgres().jdbcUrl();
    }

    public String reactiveUrl() {
        return infrastructure.postgres().reactiveUrl();
    }

    public String username() {
        return Postgres.USER;
    }

    public String password() {
        return Postgres.PASSWORD;
    }
}
