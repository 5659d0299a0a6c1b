package dev.ppl.operations.infra;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import dev.ppl.contracts.Events;
import dev.ppl.contracts.Topics;
import dev.ppl.contracts.backend.BackendEvent;
import dev.ppl.contracts.backend.command.BackendCommand;
import dev.ppl.contracts.backend.command.BackendCommandAnswered;
import dev.ppl.contracts.codec.Message;
import dev.ppl.contracts.codec.MessageDecodingException;
import dev.ppl.operations.graph.BackendState;
import dev.ppl.operations.oplog.CommandHandler;
import dev.ppl.operations.oplog.LoggedEvents;
import dev.ppl.service.kafka.DeadLetters;

/**
 * The one writer per backend. Instances share the consumer group of {@code ppl.backend.commands}; the
 * instance assigned a partition owns the backends keyed to it, holds their graphs in memory (replayed
 * from the same partition of {@code ppl.backend.operations}), and answers each batch of commands in one
 * Kafka transaction: the operations it appends, the answers, and the command offsets commit together or
 * not at all. A zombie that lost its partitions is fenced by the group generation in
 * {@code sendOffsetsToTransaction} (KIP-447), so two instances never both append for one backend.
 * Once a transaction commits, its answers also go straight to this instance's waiting requests: a command
 * sent here needs no round of transaction markers and a fetch of {@code ppl.backend.replies} to learn it.
 */
public final class BackendWriter implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BackendWriter.class);
    private static final String GROUP = "operations-service-writer";
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration RESTART_PAUSE = Duration.ofMillis(500);

    private final String bootstrap;
    private final String instanceId;
    private final CommandHandler handler;
    private final Consumer<BackendCommandAnswered> committed;
    private final DeadLetters deadLetters;
    private final Thread thread;
    private final CountDownLatch stopping = new CountDownLatch(1);
    /** Per owned partition, the graphs of its backends. */
    private final Map<Integer, Map<String, BackendState>> owned = new HashMap<>();
    private volatile KafkaConsumer<String, byte[]> consumer;
    /** True while a session is polling for commands: what the service's readiness reports. */
    private volatile boolean serving;

    /** @param committed told every answer of a transaction once it has committed */
    public BackendWriter(String bootstrap, String instanceId, CommandHandler handler,
            Consumer<BackendCommandAnswered> committed, DeadLetters deadLetters) {
        this.bootstrap = bootstrap;
        this.instanceId = instanceId;
        this.handler = handler;
        this.committed = committed;
        this.deadLetters = deadLetters;
        this.thread = new Thread(this::run, "backend-writer");
        this.thread.setDaemon(true);
    }

    public BackendWriter start() {
        thread.start();
        return this;
    }

    /** Whether the writer is taking commands now; false while it starts, restarts after a failure, or has stopped. */
    public boolean serving() {
        return serving && thread.isAlive();
    }

    @Override
    public void close() {
        stopping.countDown();
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(15).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (stopping.getCount() > 0) {
            try {
                session();
            } catch (WakeupException e) {
                if (stopping.getCount() > 0) {
                    LOG.error("the backend writer was woken up unexpectedly; restarting", e);
                }
            } catch (RuntimeException | Error e) {
                // Fenced, the broker failed mid-transaction, or anything else: the graphs may be ahead of the log, so
                // start over from the log with a fresh producer and group membership. The writer is the only way any
                // backend changes, so nothing short of stopping the service ends this loop.
                serving = false;
                LOG.error("the backend writer stopped; restarting from the log", e);
                pause();
            }
        }
    }

    private void session() {
        owned.clear();
        try (KafkaProducer<String, byte[]> producer = producer(); KafkaConsumer<String, byte[]> commands = consumer()) {
            consumer = commands;
            producer.initTransactions();
            commands.subscribe(List.of(Topics.BACKEND_COMMANDS), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    for (TopicPartition p : partitions) {
                        // position() waits for the previous owner's pending transaction to end (read_committed,
                        // stable offsets), so the replay below sees everything it committed.
                        commands.position(p);
                        owned.put(p.partition(), replay(p.partition()));
                    }
                    LOG.infof("writing for partitions %s of %s", owned.keySet(), Topics.BACKEND_COMMANDS);
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    partitions.forEach(p -> owned.remove(p.partition()));
                }
            });
            while (stopping.getCount() > 0) {
                ConsumerRecords<String, byte[]> records = commands.poll(POLL);
                serving = true;
                if (!records.isEmpty()) {
                    write(producer, commands, records);
                }
            }
        } finally {
            serving = false;
            consumer = null;
            owned.clear();
        }
    }

    private void write(KafkaProducer<String, byte[]> producer, KafkaConsumer<String, byte[]> commands,
            ConsumerRecords<String, byte[]> records) {
        producer.beginTransaction();
        List<BackendCommandAnswered> answers = new ArrayList<>();
        Set<Integer> suspect = new HashSet<>();
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (TopicPartition partition : records.partitions()) {
                Map<String, BackendState> states = owned.computeIfAbsent(partition.partition(), p -> new HashMap<>());
                for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                    handle(producer, states, record).ifPresent(outcome -> {
                        answers.add(outcome.answer());
                        if (outcome.suspect()) {
                            suspect.add(partition.partition());
                        }
                    });
                    offsets.put(partition, new OffsetAndMetadata(record.offset() + 1));
                }
            }
            producer.sendOffsetsToTransaction(offsets, commands.groupMetadata());
            producer.commitTransaction();
        } catch (RuntimeException e) {
            try {
                producer.abortTransaction();
            } catch (RuntimeException abort) {
                e.addSuppressed(abort);
            }
            throw e;
        }
        answers.forEach(committed);
        // A command that failed unforeseen may have left its backend's graph half-changed: the log says what it is.
        for (int partition : suspect) {
            if (owned.containsKey(partition)) {
                owned.put(partition, replay(partition));
            }
        }
    }

    private Optional<CommandHandler.Outcome> handle(KafkaProducer<String, byte[]> producer, Map<String, BackendState> states,
            ConsumerRecord<String, byte[]> record) {
        Message message;
        try {
            message = Events.CODEC.decode(record.value());
        } catch (RuntimeException e) {
            setAside(record, e);
            return Optional.empty();
        }
        if (!(message instanceof BackendCommand command)) {
            setAside(record, new MessageDecodingException("no backend command"));
            return Optional.empty();
        }
        CommandHandler.Outcome outcome = handler.handle(states, command, Instant.now());
        for (BackendEvent event : outcome.events()) {
            producer.send(new ProducerRecord<>(Topics.BACKEND_OPERATIONS, event.backendId(), Events.CODEC.encodeBytes(event)));
        }
        producer.send(new ProducerRecord<>(Topics.BACKEND_REPLIES, command.requestId(),
                Events.CODEC.encodeBytes(outcome.answer())));
        return Optional.of(outcome);
    }

    /**
     * A command nobody can answer (it has no request id to answer to) is set aside before the batch commits past it;
     * should the batch abort, it is read and set aside again, which a reader of the dead letters tolerates.
     */
    private void setAside(ConsumerRecord<String, byte[]> record, RuntimeException why) {
        deadLetters.setAside(record.topic(), record.partition(), record.offset(), record.key(), record.value(), why);
    }

    /** The graphs of every backend keyed to one partition, folded from the operation log. */
    private Map<String, BackendState> replay(int partition) {
        Map<String, BackendState> states = new HashMap<>();
        TopicPartition tp = new TopicPartition(Topics.BACKEND_OPERATIONS, partition);
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        long started = System.nanoTime();
        long count = 0;
        try (KafkaConsumer<String, byte[]> log = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            log.assign(List.of(tp));
            log.seekToBeginning(List.of(tp));
            long end = log.endOffsets(List.of(tp)).get(tp);
            while (log.position(tp) < end) {
                for (ConsumerRecord<String, byte[]> record : log.poll(POLL)) {
                    // The projector sets aside what does not belong in the log; the writer only steps over it.
                    try {
                        var decoded = LoggedEvents.decode(record.value());
                        if (decoded.isPresent()) {
                            BackendEvent event = decoded.get();
                            BackendState state = states.getOrDefault(event.backendId(), new BackendState());
                            state.apply(event);
                            states.put(event.backendId(), state);
                            count++;
                        }
                    } catch (RuntimeException e) {
                        LOG.warnf("record %s-%d@%d of the operation log is skipped: %s", record.topic(), record.partition(),
                                record.offset(), e.getMessage());
                    }
                }
            }
        }
        states.replaceAll((id, state) -> state.deleted() ? state.tombstone() : state);
        LOG.infof("replayed %d operations of %d backends of partition %d in %d ms", count, states.size(), partition,
                (System.nanoTime() - started) / 1_000_000);
        return states;
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "ppl-operations-writer-" + instanceId);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        // An instance that dies mid-transaction holds read_committed readers (and the next owner) back until
        // the broker aborts its transaction; a batch takes milliseconds, so 5 s is ample.
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "5000");
        // A transaction that follows the previous one within milliseconds often finds the broker still writing
        // that one's commit markers and is told to retry (CONCURRENT_TRANSACTIONS); with the default 100 ms
        // back-off that retry was the slowest 1 % of single operations.
        p.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "5");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "200");
        // A killed instance's partitions move on within seconds rather than the default 45.
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000");
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "1000");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private void pause() {
        try {
            stopping.await(RESTART_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping.countDown();
        }
    }
}
