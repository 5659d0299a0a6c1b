package dev.ppl.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ppl.contracts.Topics;
import dev.ppl.local.kafka.KafkaBroker;
import dev.ppl.local.postgres.Postgres;
import dev.ppl.local.testing.PlatformTestResource;

class InfrastructureTest {

    @Test
    void aRecordAndARowSurviveARestartOfBothServers(@TempDir Path dir) throws Exception {
        Path binaries = Path.of(System.getProperty("java.io.tmpdir"), "ppl-embedded-pg");
        int pgPort = Ports.free();
        int kafkaPort = Ports.free();
        int controllerPort = Ports.free();

        try (Infrastructure infra = Infrastructure.start(dir, binaries, pgPort, kafkaPort, controllerPort)) {
            try (var producer = new KafkaProducer<>(
                    Map.<String, Object> of("bootstrap.servers", infra.kafka().bootstrapServers()), new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>(Topics.LEASE_EVENTS, "k", "kept")).get();
            }
            sql(infra.postgres(), "CREATE TABLE kept (v text)", "INSERT INTO kept VALUES ('row')");
        }

        try (Infrastructure infra = Infrastructure.start(dir, binaries, pgPort, kafkaPort, controllerPort)) {
            assertThat(readAll(infra.kafka().bootstrapServers(), Topics.LEASE_EVENTS)).containsExactly("kept");
            try (Connection c = DriverManager.getConnection(infra.postgres().jdbcUrl(), Postgres.USER, Postgres.PASSWORD);
                    Statement s = c.createStatement();
                    ResultSet rows = s.executeQuery("SELECT v FROM kept")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("row");
            }
        }
    }

    @Test
    void theTestResourcePointsAtTheSharedBrokerWithThePlatformTopicsAndAtTheDatabase() throws Exception {
        Map<String, String> config = new PlatformTestResource().start();

        assertThat(config).containsOnlyKeys("kafka.bootstrap.servers", "quarkus.datasource.jdbc.url",
                "quarkus.datasource.reactive.url", "quarkus.datasource.username", "quarkus.datasource.password");
        assertThat(config.get("quarkus.datasource.reactive.url")).startsWith("postgresql://127.0.0.1:").endsWith("/ppl");
        try (Admin admin = Admin.create(Map.<String, Object> of("bootstrap.servers", config.get("kafka.bootstrap.servers")))) {
            var described = admin.describeTopics(KafkaBroker.PLATFORM_TOPICS.keySet()).allTopicNames().get();
            KafkaBroker.PLATFORM_TOPICS.forEach(
                    (topic, partitions) -> assertThat(described.get(topic).partitions()).hasSize(partitions));
            ConfigResource log = new ConfigResource(ConfigResource.Type.TOPIC, Topics.BACKEND_OPERATIONS);
            Config logConfig = admin.describeConfigs(List.of(log)).all().get().get(log);
            assertThat(logConfig.get("retention.ms").value()).isEqualTo("-1");
            assertThat(logConfig.get("retention.bytes").value()).isEqualTo("-1");
        }
        try (Connection c = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT current_database()")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("ppl");
        }
    }

    private static void sql(Postgres pg, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), Postgres.USER, Postgres.PASSWORD);
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static List<String> readAll(String bootstrap, String topic) {
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object> of("bootstrap.servers", bootstrap, "group.id",
                "restart-check", "auto.offset.reset", "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
