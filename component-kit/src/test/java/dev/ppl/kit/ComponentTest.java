package dev.ppl.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.TextNode;

import dev.ppl.local.testing.SharedInfrastructure;

/** The kit against a real broker: typed records in, transformed records out, request ids kept. */
class ComponentTest {
    private final String bootstrap = SharedInfrastructure.get().kafkaBootstrap();

    @Test
    void transformsEachRecordKeepsItsRequestIdAndSkipsRecordsThatAreNotJson() throws Exception {
        String in = "kit-in-" + UUID.randomUUID();
        String out1 = "kit-out1-" + UUID.randomUUID();
        String out2 = "kit-out2-" + UUID.randomUUID();
        Component component = Component.of(Map.of("PPL_KAFKA_BOOTSTRAP", bootstrap, "PPL_INPUT_0_TOPIC", in,
                "PPL_INPUT_0_TYPE", "String", "PPL_OUTPUT_0_TOPICS", out1 + "," + out2, "PPL_OUTPUT_0_TYPE", "String",
                "PPL_PARAMS", "{\"suffix\": \"\\\"!\\\"\"}", "PPL_CONSUMER_GROUP", "kit-" + UUID.randomUUID()));
        assertThat(component.params()).containsEntry("suffix", "\"!\"");
        assertThat(component.stringParam("suffix", "")).isEqualTo("!");
        assertThat(component.stringParam("absent", "fallback")).isEqualTo("fallback");
        Thread runner = new Thread(() -> component.run(v -> TextNode.valueOf(v.asText().toUpperCase() + "!")));
        runner.start();
        try (var producer = new KafkaProducer<>(Map.<String, Object> of("bootstrap.servers", bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(in, "not json".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(in, (byte[]) null)).get();
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(in, "\"hi\"".getBytes(StandardCharsets.UTF_8));
            record.headers().add(Component.REQUEST_ID_HEADER, "req-1".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }

        for (String out : List.of(out1, out2)) {
            ConsumerRecord<byte[], byte[]> result = first(out);
            assertThat(new String(result.value(), StandardCharsets.UTF_8)).isEqualTo("\"HI!\"");
            assertThat(new String(result.headers().lastHeader(Component.REQUEST_ID_HEADER).value(), StandardCharsets.UTF_8))
                    .isEqualTo("req-1");
            assertThat(new String(result.headers().lastHeader(Component.TYPE_HEADER).value(), StandardCharsets.UTF_8))
                    .isEqualTo("String");
        }
        component.stop();
        runner.join(10_000);
        assertThat(runner.isAlive()).isFalse();
    }

    @Test
    void aComponentStartedWithoutTheRuntimesEnvironmentSaysWhatIsMissing() {
        assertThatThrownBy(() -> Component.of(Map.of())).hasMessageContaining("PPL_KAFKA_BOOTSTRAP");
        assertThatThrownBy(() -> Literals.string("unquoted")).hasMessageContaining("not a String literal");
        assertThat(Literals.string("\"a \\\"b\\\"\"")).isEqualTo("a \"b\"");
    }

    private ConsumerRecord<byte[], byte[]> first(String topic) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object> of("bootstrap.servers", bootstrap, "group.id",
                "check-" + UUID.randomUUID(), "auto.offset.reset", "earliest"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    return r;
                }
            }
        }
        throw new AssertionError("nothing on " + topic);
    }
}
