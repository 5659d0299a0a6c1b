package dev.ppl.gateway.harness;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * The output harness's side of the data plane: hands over every record of a topic written at or after
 * a given instant (docs/adr/0003), on its own thread, until closed. Positioning by time rather than by
 * "latest" means a record written while the consumer was still starting is not missed.
 * <p>
 * The topic is a tenant's: a record the receiver cannot handle is logged by its position (never its value)
 * and skipped, so one component's garbage never ends the tail for the records after it. Data topics have no
 * dead-letter topic; the record stays in the topic for the tenant to read.
 */
public final class TopicTail implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TopicTail.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    public TopicTail(String bootstrap, String topic, Instant from, Consumer<ConsumerRecord<byte[], byte[]>> records) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(
                partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> from.toEpochMilli())), Duration.ofSeconds(10));
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp at = offsets.get(tp);
            consumer.seek(tp, at != null ? at.offset() : ends.get(tp));
        }
        thread = new Thread(() -> run(records), "topic-tail-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Consumer<ConsumerRecord<byte[], byte[]>> records) {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    hand(records, record);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private static void hand(Consumer<ConsumerRecord<byte[], byte[]>> records, ConsumerRecord<byte[], byte[]> record) {
        try {
            records.accept(record);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.warnf("skipping %s-%d@%d, which could not be handed over: %s", record.topic(), record.partition(),
                    record.offset(), e);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
