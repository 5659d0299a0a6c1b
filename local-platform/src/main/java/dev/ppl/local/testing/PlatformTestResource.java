package dev.ppl.local.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} at the real Kafka broker and PostgreSQL of {@link SharedInfrastructure}.
 * {@link #stop()} leaves them running for the next test class; they stop when the JVM exits.
 */
public class PlatformTestResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        SharedInfrastructure infra = SharedInfrastructure.get();
        return Map.of("kafka.bootstrap.servers", infra.kafkaBootstrap(),
                "quarkus.datasource.jdbc.url", infra.jdbcUrl(),
                "quarkus.datasource.reactive.url", infra.reactiveUrl(),
                "quarkus.datasource.username", infra.username(),
                "quarkus.datasource.password", infra.password());
    }

    @Override
    public void stop() {
        // Shared across test classes of this JVM: the shutdown hook stops it.
    }
}
