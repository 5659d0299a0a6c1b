package dev.ppl.operations.infra;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import dev.ppl.contracts.Events;
import dev.ppl.contracts.Topics;
import dev.ppl.contracts.backend.command.BackendCommand;
import dev.ppl.contracts.backend.command.BackendCommandAnswered;
import dev.ppl.service.kafka.EventPublisher;
import dev.ppl.service.web.ProblemException;

/**
 * Sends a backend command to whichever instance writes for it and waits for the answer. Every instance
 * reads all of {@code ppl.backend.replies} (read_committed, from where it ended at start) and completes
 * its own waiting requests by request id; answers for other instances' requests are ignored. This
 * instance's writer hands over its committed answers directly ({@link #answered}), ahead of that topic.
 */
public final class CommandClient implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CommandClient.class);

    private final EventPublisher publisher;
    private final KafkaConsumer<String, byte[]> replies;
    /** One entry per request in flight, removed when it is answered or times out: bounded by the waiting callers. */
    private final Map<String, CompletableFuture<BackendCommandAnswered>> waiting = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    public CommandClient(String bootstrap, EventPublisher publisher) {
        this.publisher = publisher;
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        replies = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = replies.partitionsFor(Topics.BACKEND_REPLIES).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        replies.assign(partitions);
        replies.seekToEnd(partitions);
        // Resolve the end now, before any command is sent, so no answer can slip in ahead of the reader.
        partitions.forEach(replies::position);
        thread = new Thread(this::read, "backend-replies");
        thread.setDaemon(true);
        thread.start();
    }

    /** Sends the command and waits for its answer; a refusal comes back as the writer's problem. */
    public BackendCommandAnswered send(BackendCommand command, Duration timeout) {
        CompletableFuture<BackendCommandAnswered> answer = new CompletableFuture<>();
        waiting.put(command.requestId(), answer);
        try {
            publisher.publish(Topics.BACKEND_COMMANDS, command.backendId(), command);
            BackendCommandAnswered answered = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            BackendCommandAnswered.Problem problem = answered.problem();
            if (problem != null) {
                throw new ProblemException(problem.status(), problem.title(), problem.detail(), problem.field(),
                        problem.expected(), problem.limit());
            }
            return answered;
        } catch (TimeoutException e) {
            throw new ProblemException(503, "Service unavailable", "no answer from the writer of backend "
                    + command.backendId() + " within " + timeout.toMillis() + " ms; the command may still be applied", null,
                    null);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the answer for backend " + command.backendId() + " is unreadable", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for backend " + command.backendId(), e);
        } finally {
            waiting.remove(command.requestId());
        }
    }

    /** A committed answer; completes the request waiting for it here, if any (the first of both paths wins). */
    public void answered(BackendCommandAnswered answer) {
        CompletableFuture<BackendCommandAnswered> waiter = waiting.get(answer.requestId());
        if (waiter != null) {
            waiter.complete(answer);
        }
    }

    private void read() {
        try {
            while (running) {
                pollOnce();
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("the reply reader was woken up unexpectedly", e);
            }
        } finally {
            replies.close(Duration.ofSeconds(2));
        }
    }

    private void pollOnce() {
        try {
            for (ConsumerRecord<String, byte[]> record : replies.poll(Duration.ofMillis(200))) {
                CompletableFuture<BackendCommandAnswered> answer = record.key() == null ? null : waiting.get(record.key());
                if (answer == null) {
                    continue;
                }
                try {
                    answer.complete((BackendCommandAnswered) Events.CODEC.decode(record.value()));
                } catch (RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            }
        } catch (WakeupException | OutOfMemoryError e) {
            throw e;
        } catch (RuntimeException | Error e) {
            // A broker hiccup, or anything else, must not end the reader: every waiting request depends on it.
            LOG.error("reading " + Topics.BACKEND_REPLIES + " failed; retrying", e);
        }
    }

    /** Whether the reply reader runs: readiness goes down when it does not. */
    public boolean alive() {
        return thread.isAlive();
    }

    @Override
    public void close() {
        running = false;
        replies.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
