package dev.ppl.local.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.ppl.local.Ports;
import dev.ppl.local.kafka.KafkaBroker;
import dev.ppl.local.postgres.Postgres;

/**
 * One real Kafka broker and one real PostgreSQL for all the tests of a JVM, started on first use on free
 * ports in a temporary directory with the same starters the local platform uses, stopped at JVM exit.
 */
public final class SharedInfrastructure {
    private static SharedInfrastructure instance;

    private final KafkaBroker kafka;
    private final Postgres postgres;

    private SharedInfrastructure(KafkaBroker kafka, Postgres postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    public static synchronized SharedInfrastructure get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("ppl-test-infra");
                Postgres postgres = Postgres.start(dir.resolve("postgres"), Ports.free());
                KafkaBroker kafka = KafkaBroker.start(dir.resolve("kafka"), Ports.free(), Ports.free());
                kafka.createTopics();
                instance = new SharedInfrastructure(kafka, postgres);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    kafka.close();
                    postgres.close();
                }, "ppl-test-infra-stop"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    public String kafkaBootstrap() {
        return kafka.bootstrapServers();
    }

    public String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    public String reactiveUrl() {
        return postgres.reactiveUrl();
    }

    public String username() {
        return Postgres.USER;
    }

    public String password() {
        return Postgres.PASSWORD;
    }
}
