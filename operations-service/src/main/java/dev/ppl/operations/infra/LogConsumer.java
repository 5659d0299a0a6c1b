package dev.ppl.operations.infra;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads one topic on a dedicated thread ({@code read_committed}), resuming each partition where the
 * handler says it stopped rather than at Kafka's committed offsets, so the handler can keep its position
 * in the same database transaction as its effects. A record whose handler fails is retried from its own
 * offset after a pause: an outage delays the reader and never makes it skip a record. Records come to the
 * handler a partition's batch at a time, so it can write them in one transaction.
 */
public final class LogConsumer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LogConsumer.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    /** What the reader does with the topic; called on the reader's thread only. */
    public interface Handler {
        /** The next offset to read per partition of the topic; a partition not in the map starts at the beginning. */
        Map<Integer, Long> positions(String topic);

        /**
         * Handles a batch of one partition's records, in order, and stores {@code nextOffset} as the partition's
         * position, all or nothing; throws to retry the batch. The batch is empty when the position moved past
         * records the handler never sees (transaction markers, aborted records): storing it is what lets a
         * reader that waits for the position of the log's end stop waiting.
         */
        void handle(int partition, List<ConsumerRecord<String, byte[]>> records, long nextOffset);

        /** Every partition first assigned has been read up to where the topic ended at that moment. */
        void caughtUp();
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Handler handler;
    private final Thread thread;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final java.util.Set<Integer> assigned = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Per assigned partition, the position the handler last stored. */
    private final Map<TopicPartition, Long> handled = new HashMap<>();
    private Map<TopicPartition, Long> catchUpTo;
    private boolean caughtUp;

    private LogConsumer(String bootstrap, String groupId, String topic, Handler handler) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Bigger batches, fewer transactions: a replay of the whole topic is the common case at start.
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        // A killed instance's partitions move on within seconds rather than the default 45: until they do,
        // writes to them are committed but cannot answer (they wait for their projection).
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000");
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "1000");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.handler = handler;
        this.thread = new Thread(this::run, "log-consumer-" + topic);
        this.thread.setDaemon(true);
    }

    /** Starts reading {@code topic} as a member of {@code groupId}. */
    public static LogConsumer start(String bootstrap, String groupId, String topic, Handler handler) {
        LogConsumer reader = new LogConsumer(bootstrap, groupId, topic, handler);
        reader.thread.start();
        return reader;
    }

    /** The partitions this reader holds right now. */
    public boolean holds(int partition) {
        return assigned.contains(partition);
    }

    @Override
    public void close() {
        stopping.countDown();
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    resume(partitions);
                    partitions.forEach(p -> assigned.add(p.partition()));
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    // Positions live with the handler's data; there is nothing to commit.
                    partitions.forEach(p -> {
                        assigned.remove(p.partition());
                        handled.remove(p);
                    });
                }
            });
            while (stopping.getCount() > 0) {
                try {
                    readOnce();
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // An unpositioned partition falls back to auto.offset.reset=earliest: a replay, never a skip.
                    LOG.error("reading " + topic + " failed; retrying", e);
                    pauseBeforeRetry();
                }
            }
        } catch (WakeupException e) {
            if (stopping.getCount() > 0) {
                LOG.error("the reader of " + topic + " was woken up unexpectedly", e);
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void resume(Collection<TopicPartition> partitions) {
        Map<Integer, Long> positions = handler.positions(topic);
        for (TopicPartition partition : partitions) {
            Long next = positions.get(partition.partition());
            if (next == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, next);
            }
            handled.put(partition, consumer.position(partition));
        }
        if (!caughtUp && catchUpTo == null) {
            catchUpTo = consumer.endOffsets(partitions);
        }
    }

    private void readOnce() {
        ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
        boolean failed = false;
        for (TopicPartition partition : consumer.assignment()) {
            List<ConsumerRecord<String, byte[]>> batch = records.records(partition);
            long next = consumer.position(partition);
            long from = handled.getOrDefault(partition, 0L);
            if (next <= from) {
                continue;
            }
            try {
                handler.handle(partition.partition(), batch, next);
                handled.put(partition, next);
            } catch (RuntimeException e) {
                LOG.errorf(e, "handling %s-%d@%d..%d failed; retrying", partition.topic(), partition.partition(), from,
                        next - 1);
                consumer.seek(partition, from);
                failed = true;
            }
        }
        if (failed) {
            pauseBeforeRetry();
        }
        signalCaughtUp();
    }

    private void signalCaughtUp() {
        if (caughtUp || catchUpTo == null) {
            return;
        }
        boolean reached = catchUpTo.entrySet().stream()
                .allMatch(end -> !consumer.assignment().contains(end.getKey()) || consumer.position(end.getKey()) >= end
                        .getValue());
        if (reached) {
            caughtUp = true;
            catchUpTo = null;
            handler.caughtUp();
        }
    }

    private void pauseBeforeRetry() {
        try {
            stopping.await(RETRY_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping.countDown();
        }
    }
}
