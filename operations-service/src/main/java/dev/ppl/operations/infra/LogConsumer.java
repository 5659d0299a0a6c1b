package dev.ppl.operations.infra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
 * in the same database transaction as its effects. A batch whose storing fails is read again from its own
 * first offset after a pause: an outage delays the reader and never makes it skip a record. Records come
 * to the handler a partition's batch at a time, so it can write them in one transaction.
 *
 * <p>
 * Batches are pipelined: while one batch is being stored (in the database, off this thread), the next is
 * fetched and prepared (decoded) here, so a replay of the whole topic spends the decoding and the
 * database's work side by side rather than one after the other. A partition's batches are stored one
 * at a time and in order.
 *
 * <p>
 * The handler is told the position it stored last with every batch (none when it had stored none), so it
 * can refuse a batch whose position someone else moved meanwhile: another instance that rebuilt the
 * projection, or a reader that took the partition over while this one was cut off. A refused partition
 * resumes from the handler's positions again, as if newly assigned.
 */
public final class LogConsumer<B> implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LogConsumer.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(60);

    /** What the reader does with the topic; called on the reader's thread only. */
    public interface Handler<B> {
        /** The next offset to read per partition of the topic; a partition not in the map starts at the beginning. */
        Map<Integer, Long> positions(String topic);

        /**
         * The work on a batch of one partition's records that needs no database (decoding), done while the
         * previous batch is still being stored; throws to read the batch again. The batch is empty when the
         * position moved only past records the handler never sees (transaction markers, aborted records).
         */
        B prepare(int partition, List<ConsumerRecord<String, byte[]>> records);

        /**
         * Stores a prepared batch, in order, and {@code nextOffset} as the partition's position, all or nothing;
         * a failed stage makes the reader read the batch again. Storing an empty batch's position is what lets a
         * reader that waits for the position of the log's end stop waiting.
         *
         * @param storedPosition the position this reader stored last, or null when it stored none and found
         *        none; a stage failed with {@link PositionConflictException} when the stored position is not this
         *        makes the reader resume the partition from {@link #positions} instead of retrying the batch
         */
        CompletionStage<Void> store(int partition, B batch, Long storedPosition, long nextOffset);

        /** A partition is read again from where {@link #positions} says, after its position moved under this reader. */
        void resumed(int partition);

        /** Every partition first assigned has been read up to where the topic ended at that moment. */
        void caughtUp();
    }

    /** A batch of one partition: its records span offsets {@code from} to {@code next} (exclusive). */
    private record Step<B>(TopicPartition partition, long from, long next, B batch) {
    }

    private record Storing<B>(Step<B> step, CompletableFuture<Void> done) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Handler<B> handler;
    private final Thread thread;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Set<Integer> assigned = ConcurrentHashMap.newKeySet();
    /** Per assigned partition, the position the handler has stored. */
    private final Map<TopicPartition, Long> handled = new HashMap<>();
    /** Assigned partitions for which the handler has no stored position yet. */
    private final Set<TopicPartition> unstored = new HashSet<>();
    /** Per assigned partition, the position up to which batches went to the handler (stored or being stored). */
    private final Map<TopicPartition, Long> prepared = new HashMap<>();
    private List<Storing<B>> storing = List.of();
    private Map<TopicPartition, Long> catchUpTo;
    private boolean caughtUp;

    private LogConsumer(String bootstrap, String groupId, String topic, Handler<B> handler) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Bigger batches, fewer transactions: a replay of the whole topic is the common case at start.
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        // Closing the consumer waits behind the fetch the broker holds open while there is nothing new, up to
        // this long; a rebuild closes the reader, so the default 500 ms would be part of every rebuild.
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        // A killed instance's partitions move on within seconds rather than the default 45: until they do,
        // reads of their backends wait for the projection.
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000");
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "1000");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.handler = handler;
        this.thread = new Thread(this::run, "log-consumer-" + topic);
        this.thread.setDaemon(true);
    }

    /** Starts reading {@code topic} as a member of {@code groupId}. */
    public static <B> LogConsumer<B> start(String bootstrap, String groupId, String topic, Handler<B> handler) {
        LogConsumer<B> reader = new LogConsumer<>(bootstrap, groupId, topic, handler);
        reader.thread.start();
        return reader;
    }

    /** Whether the reader's thread runs: readiness goes down when it does not. */
    public boolean alive() {
        return thread.isAlive();
    }

    /** The partitions this reader holds right now. */
    public boolean holds(int partition) {
        return assigned.contains(partition);
    }

    /** Stops reading; returns once what was being stored is stored (or failed). */
    @Override
    public void close() {
        stopping.countDown();
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).plus(STORE_TIMEOUT).toMillis());
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
                    // Positions live with the handler's data; there is nothing to commit. What is being stored
                    // finishes first, so the next owner never races a late transaction of this one.
                    settle();
                    partitions.forEach(p -> {
                        assigned.remove(p.partition());
                        handled.remove(p);
                        prepared.remove(p);
                        unstored.remove(p);
                    });
                }
            });
            while (stopping.getCount() > 0) {
                try {
                    readOnce();
                } catch (WakeupException e) {
                    throw e;
                } catch (OutOfMemoryError e) {
                    throw e;
                } catch (RuntimeException | Error e) {
                    // An unpositioned partition falls back to auto.offset.reset=earliest: a replay, never a skip. Any
                    // failure short of running out of memory is retried: nothing else projects the log.
                    LOG.error("reading " + topic + " failed; retrying", e);
                    pauseBeforeRetry();
                }
            }
        } catch (WakeupException e) {
            if (stopping.getCount() > 0) {
                LOG.error("the reader of " + topic + " was woken up unexpectedly", e);
            }
        } finally {
            settle();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void resume(Collection<TopicPartition> partitions) {
        Map<Integer, Long> positions = handler.positions(topic);
        for (TopicPartition partition : partitions) {
            Long next = positions.get(partition.partition());
            if (next == null) {
                consumer.seekToBeginning(List.of(partition));
                unstored.add(partition);
            } else {
                consumer.seek(partition, next);
                unstored.remove(partition);
            }
            long position = consumer.position(partition);
            handled.put(partition, position);
            prepared.put(partition, position);
        }
        if (!caughtUp && catchUpTo == null) {
            catchUpTo = consumer.endOffsets(partitions);
        }
    }

    private void readOnce() {
        // With a batch being stored, take only what is fetched already: when nothing is, settling that batch
        // comes first, so its position (and the caught-up signal) is not held back by a poll's wait.
        ConsumerRecords<String, byte[]> records = consumer.poll(storing.isEmpty() ? POLL : Duration.ZERO);
        List<Step<B>> steps = new ArrayList<>();
        boolean failed = false;
        for (TopicPartition partition : consumer.assignment()) {
            long next = consumer.position(partition);
            long from = prepared.getOrDefault(partition, 0L);
            if (next <= from) {
                continue;
            }
            try {
                steps.add(
                        new Step<>(partition, from, next, handler.prepare(partition.partition(), records.records(partition))));
                prepared.put(partition, next);
            } catch (RuntimeException e) {
                LOG.errorf(e, "preparing %s-%d@%d..%d failed; retrying", partition.topic(), partition.partition(), from,
                        next - 1);
                consumer.seek(partition, from);
                failed = true;
            }
        }
        Set<TopicPartition> moved = new HashSet<>();
        Set<TopicPartition> rewound = settle(moved);
        List<Storing<B>> started = new ArrayList<>();
        for (Step<B> step : steps) {
            if (!rewound.contains(step.partition()) && !moved.contains(step.partition())) {
                started.add(new Storing<>(step, store(step)));
            }
        }
        storing = started;
        resumeMoved(moved);
        if (failed || !rewound.isEmpty()) {
            pauseBeforeRetry();
        }
        signalCaughtUp();
    }

    private CompletableFuture<Void> store(Step<B> step) {
        TopicPartition partition = step.partition();
        Long storedPosition = unstored.contains(partition) ? null : handled.get(partition);
        try {
            return handler.store(partition.partition(), step.batch(), storedPosition, step.next()).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Waits for the batches being stored, before partitions are given up or the reader stops. */
    private void settle() {
        Set<TopicPartition> moved = new HashSet<>();
        settle(moved);
        if (stopping.getCount() > 0) {
            resumeMoved(moved);
        }
    }

    private void resumeMoved(Set<TopicPartition> moved) {
        if (!moved.isEmpty()) {
            resume(moved);
            moved.forEach(p -> handler.resumed(p.partition()));
        }
    }

    /**
     * Waits for the batches being stored; a partition whose batch failed is read again from that batch, and
     * answered; one whose position moved under this reader goes into {@code moved} instead.
     */
    private Set<TopicPartition> settle(Set<TopicPartition> moved) {
        Set<TopicPartition> rewound = new HashSet<>();
        for (Storing<B> s : storing) {
            Step<B> step = s.step();
            try {
                s.done().get(STORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                handled.put(step.partition(), step.next());
                unstored.remove(step.partition());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping.countDown();
                rewind(step, rewound);
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                if (cause instanceof PositionConflictException) {
                    LOG.warnf("the stored position of %s-%d moved while this reader held it (%s); resuming from it",
                            step.partition().topic(), step.partition().partition(), cause.getMessage());
                    moved.add(step.partition());
                } else {
                    LOG.errorf(cause, "storing %s-%d@%d..%d failed; retrying", step.partition().topic(),
                            step.partition().partition(), step.from(), step.next() - 1);
                    rewind(step, rewound);
                }
            }
        }
        storing = List.of();
        return rewound;
    }

    private void rewind(Step<B> step, Set<TopicPartition> rewound) {
        if (consumer.assignment().contains(step.partition())) {
            consumer.seek(step.partition(), step.from());
        }
        prepared.put(step.partition(), step.from());
        rewound.add(step.partition());
    }

    private void signalCaughtUp() {
        if (caughtUp || catchUpTo == null || !storing.isEmpty()) {
            return;
        }
        boolean reached = catchUpTo.entrySet().stream()
                .allMatch(end -> !consumer.assignment().contains(end.getKey())
                        || handled.getOrDefault(end.getKey(), -1L) >= end.getValue());
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
