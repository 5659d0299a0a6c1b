package dev.ppl.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The same broker used directly, as the floor our figures are compared with: producers with {@code acks=all} and
 * idempotence on a scratch topic of 3 partitions (created here, deleted by {@link #close()}), and a
 * {@code read_committed} consumer over the whole operation log.
 */
final class RawKafka implements AutoCloseable {
    private final String bootstrap;
    private final Admin admin;
    private final String scratch;

    RawKafka(String bootstrap) throws Exception {
        this.bootstrap = bootstrap;
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        admin = Admin.create(p);
        scratch = "ppl.bench.scratch." + System.currentTimeMillis();
        admin.createTopics(List.of(new NewTopic(scratch, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }

    String scratchTopic() {
        return scratch;
    }

    private KafkaProducer<byte[], byte[]> producer(boolean lingerZero) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        if (lingerZero) {
            p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        }
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    /** {@code warmup} then {@code n} sequential {@code send(...).get()} with {@code linger.ms=0}. */
    Latencies sequentialSends(byte[] key, byte[] value, int warmup, int n) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer(true)) {
            for (int i = 0; i < warmup; i++) {
                producer.send(new ProducerRecord<>(scratch, key, value)).get();
            }
            Latencies l = new Latencies(n);
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                producer.send(new ProducerRecord<>(scratch, key, value)).get();
                l.add(System.nanoTime() - t0);
            }
            return l;
        }
    }

    /**
     * {@code n} asynchronous sends then {@code flush()}, with default batching (after a warm-up of one such
     * round of {@code warmup} records); answers the measured seconds.
     */
    double asyncSends(byte[] key, byte[] value, int warmup, int n) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer(false)) {
            for (int i = 0; i < warmup; i++) {
                producer.send(new ProducerRecord<>(scratch, key, value));
            }
            producer.flush();
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>(n);
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sent.add(producer.send(new ProducerRecord<>(scratch, key, value)));
            }
            producer.flush();
            double seconds = (System.nanoTime() - t0) / 1e9;
            for (java.util.concurrent.Future<?> f : sent) {
                f.get();
            }
            return seconds;
        }
    }

    /** The committed extent of a topic: beginning and end (last stable) offsets per partition. */
    record Extent(Map<TopicPartition, Long> beginning, Map<TopicPartition, Long> end) {
        long span() {
            long sum = 0;
            for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
                sum += e.getValue() - beginning.get(e.getKey());
            }
            return sum;
        }
    }

    /** A whole read: records, bytes, seconds. */
    record Read(long records, long bytes, double seconds, Extent extent) {
    }

    private KafkaConsumer<byte[], byte[]> committedReader() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    Extent extent(String topic) {
        try (KafkaConsumer<byte[], byte[]> c = committedReader()) {
            List<TopicPartition> parts = partitions(c, topic);
            return new Extent(c.beginningOffsets(parts), c.endOffsets(parts));
        }
    }

    /** Reads {@code topic} from the beginning to its end offsets as they are when the read starts. */
    Read readAll(String topic) {
        try (KafkaConsumer<byte[], byte[]> c = committedReader()) {
            List<TopicPartition> parts = partitions(c, topic);
            Extent extent = new Extent(c.beginningOffsets(parts), c.endOffsets(parts));
            long t0 = System.nanoTime();
            c.assign(parts);
            c.seekToBeginning(parts);
            long records = 0;
            long bytes = 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (!done(c, extent)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " did not reach its end offsets within 10 minutes");
                }
                ConsumerRecords<byte[], byte[]> batch = c.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    records++;
                    bytes += r.serializedValueSize() + Math.max(0, r.serializedKeySize());
                }
            }
            return new Read(records, bytes, (System.nanoTime() - t0) / 1e9, extent);
        }
    }

    private static boolean done(KafkaConsumer<byte[], byte[]> c, Extent extent) {
        for (Map.Entry<TopicPartition, Long> e : extent.end().entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> c, String topic) {
        List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
    }

    @Override
    public void close() throws Exception {
        try {
            admin.deleteTopics(Set.of(scratch)).all().get(30, TimeUnit.SECONDS);
        } finally {
            admin.close(Duration.ofSeconds(10));
        }
    }
}
