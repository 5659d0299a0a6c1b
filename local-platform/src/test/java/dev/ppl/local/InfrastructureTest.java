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

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ppl.contracts.Topics;
import dev.ppl.local.kafka.KafkaBroker;
import dev.ppl.local.postgres.Postgres;

class InfrastructureTest {

    @Test
    void aRecordAndARowSurviveARestartOfBothServers(@TempDir Path dir) throws Exception {
        int kafkaPort = Ports.free();
        int controllerPort = Ports.free();
        int pgPort = Ports.free();

        try (KafkaBroker kafka = KafkaBroker.start(dir.resolve("kafka"), kafkaPort, controllerPort);
                Postgres pg = Postgres.start(dir.resolve("postgres"), pgPort)) {
            kafka.createTopics();
            try (var producer = new KafkaProducer<>(Map.<String, Object> of("bootstrap.servers", kafka.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(Topics.LEASE_EVENTS, "k", "kept")).get();
            }
            sql(pg, "CREATE TABLE kept (v text)", "INSERT INTO kept VALUES ('row')");
        }

        try (KafkaBroker kafka = KafkaBroker.start(dir.resolve("kafka"), kafkaPort, controllerPort);
                Postgres pg = Postgres.start(dir.resolve("postgres"), pgPort)) {
            assertThat(readAll(kafka.bootstrapServers(), Topics.LEASE_EVENTS)).containsExactly("kept");
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), Postgres.USER, Postgres.PASSWORD);
                    Statement s = c.createStatement();
                    ResultSet rows = s.executeQuery("SELECT v FROM kept")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("row");
            }
        }
    }

    @Test
    void thePlatformTopicsExistWithTheirPartitions() {
        var infra = dev.ppl.local.testing.SharedInfrastructure.get();
        try (var admin = org.apache.kafka.clients.admin.Admin
                .create(Map.<String, Object> of("bootstrap.servers", infra.kafkaBootstrap()))) {
            var described = admin.describeTopics(KafkaBroker.PLATFORM_TOPICS.keySet()).allTopicNames().get();
            KafkaBroker.PLATFORM_TOPICS.forEach(
                    (topic, partitions) -> assertThat(described.get(topic).partitions()).hasSize(partitions));
        } catch (Exception e) {
            throw new AssertionError(e);
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
