package dev.ppl.local;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.ppl.local.kafka.KafkaBroker;
import dev.ppl.local.postgres.Postgres;

/**
 * PostgreSQL and the Kafka broker with the platform's topics, their data under one directory
 * ({@code postgres/}, {@code postgres-sockets/}, {@code kafka/}). Both start at the same time: each takes
 * a few seconds, mostly waiting.
 */
public record Infrastructure(Postgres postgres, KafkaBroker kafka) implements AutoCloseable {

    public static Infrastructure start(Path dir, Path postgresBinaries, int postgresPort, int kafkaPort,
            int kafkaControllerPort) {
        CompletableFuture<Postgres> postgres = CompletableFuture
                .supplyAsync(() -> Postgres.start(dir.resolve("postgres"), postgresPort, postgresBinaries));
        KafkaBroker kafka = null;
        try {
            kafka = KafkaBroker.start(dir.resolve("kafka"), kafkaPort, kafkaControllerPort);
            kafka.createTopics();
        } catch (RuntimeException e) {
            if (kafka != null) {
                kafka.stop();
            }
            postgres.thenAccept(Postgres::stop);
            throw e;
        }
        try {
            return new Infrastructure(postgres.join(), kafka);
        } catch (CompletionException e) {
            kafka.stop();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** {@link #stop()}, for try-with-resources. */
    @Override
    public void close() {
        stop();
    }

    /** Stops Kafka, then PostgreSQL. */
    public void stop() {
        try {
            kafka.stop();
        } finally {
            postgres.stop();
        }
    }
}
