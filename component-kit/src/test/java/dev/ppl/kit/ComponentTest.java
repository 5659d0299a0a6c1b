package dev.ppl.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

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
    void readsMediaAsRawBytesByTheRecordsTypeAndWritesRawBytesKeepingTheRequestId() throws Exception {
        String in = "kit-in-" + UUID.randomUUID();
        String out = "kit-out-" + UUID.randomUUID();
        Component component = Component.of(Map.of("PPL_KAFKA_BOOTSTRAP", bootstrap, "PPL_INPUT_0_TOPIC", in,
                "PPL_INPUT_0_TYPE", "Image", "PPL_OUTPUT_0_TOPICS", out, "PPL_OUTPUT_0_TYPE", "Image",
                "PPL_CONSUMER_GROUP", "kit-" + UUID.randomUUID()));
        List<Message> seen = new CopyOnWriteArrayList<>();
        Thread runner = new Thread(() -> component.runMessages(message -> {
            seen.add(message);
            byte[] bytes = ((Value.Media) message.value()).bytes();
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) ~bytes[i];
            }
            return Value.media(bytes);
        }));
        runner.start();
        byte[] notJson = { (byte) 0x89, 'P', 'N', 'G', 0, 1, 2 };
        try (var producer = new KafkaProducer<>(Map.<String, Object> of("bootstrap.servers", bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(in, new byte[0])).get();
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(in, notJson);
            record.headers().add(Component.TYPE_HEADER, "Image".getBytes(StandardCharsets.UTF_8));
            record.headers().add(Component.REQUEST_ID_HEADER, "req-img".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }

        ConsumerRecord<byte[], byte[]> result = first(out);
        byte[] inverted = notJson.clone();
        for (int i = 0; i < inverted.length; i++) {
            inverted[i] = (byte) ~inverted[i];
        }
        assertThat(result.value()).isEqualTo(inverted);
        assertThat(new String(result.headers().lastHeader(Component.REQUEST_ID_HEADER).value(), StandardCharsets.UTF_8))
                .isEqualTo("req-img");
        assertThat(new String(result.headers().lastHeader(Component.TYPE_HEADER).value(), StandardCharsets.UTF_8))
                .isEqualTo("Image");
        assertThat(seen).singleElement().satisfies(m -> {
            assertThat(m.requestId()).isEqualTo("req-img");
            assertThat(m.type()).isEqualTo("Image");
            assertThat(m.value()).isEqualTo(Value.media(notJson));
        });
        component.stop();
        runner.join(10_000);
        assertThat(runner.isAlive()).isFalse();
    }

    @Test
    void aGenericOutputKeepsTheTypeOfTheRecordItCameFrom() {
        Message image = new Message("r", "Image", Value.media(new byte[] { 1 }));

        assertThat(Component.outputType("t", image)).isEqualTo("Image");
        assertThat(Component.outputType("String", image)).isEqualTo("String");
        assertThat(Component.outputType("[t]", image)).isEqualTo("[t]");
    }

    @Test
    void givesBoundFilesBySlotAndSecretsByParameterAndKeepsSecretsOutOfItsEnvironment() {
        Component component = Component.of(Map.of("PPL_KAFKA_BOOTSTRAP", bootstrap, "PPL_FILES_DIR", "/ppl/files",
                "PPL_SECRET_HF_TOKEN", "s3cr3t"));

        assertThat(component.file("weights")).isEqualTo(Path.of("/ppl/files/weights"));
        assertThatThrownBy(() -> component.file("../etc/passwd")).hasMessageContaining("leaves the files directory");
        assertThat(component.secret("hf_token")).hasValue("s3cr3t");
        assertThat(component.secret("other")).isEmpty();
        assertThat(component.environment().toString()).doesNotContain("s3cr3t");
        Component withoutFiles = Component.of(Map.of("PPL_KAFKA_BOOTSTRAP", bootstrap));
        assertThatThrownBy(() -> withoutFiles.file("weights")).hasMessageContaining("PPL_FILES_DIR");
        component.close();
        withoutFiles.close();
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
