package dev.ppl.service.kafka;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Makes one consumed record cost that record alone. A record that cannot be decoded (not JSON, no type, a
 * type that must be known and is not, a known type with missing or invalid fields) is set aside at once:
 * reading it again gives the same answer. Applying a decoded record is retried with capped exponential
 * back-off: for as long as the failure is {@link Failures#isTransient transient} (PostgreSQL or the broker
 * unreachable), so an outage never sends a good record to the dead-letter topic; otherwise
 * {@link ConsumerRetryConfig#attempts} times, then the record is set aside. Either way the caller returns
 * normally and the record is acknowledged, so a SmallRye channel is never nacked and never stops. Call it
 * from a worker thread ({@code @Blocking}): it blocks while it waits.
 */
@ApplicationScoped
public class RecordGuard {
    private static final Logger LOG = Logger.getLogger(RecordGuard.class);

    private final DeadLetters deadLetters;
    private final ConsumerRetryConfig config;
    /** Counted down when the service stops, so a consumer waiting out an outage gives up its record at once. */
    private final CountDownLatch stopping = new CountDownLatch(1);

    public RecordGuard(DeadLetters deadLetters, ConsumerRetryConfig config) {
        this.deadLetters = deadLetters;
        this.config = config;
    }

    /**
     * Decodes the record's value and applies it. {@code decode} answers empty for a well-formed record the
     * consumer does not care about (it is skipped) and throws for one it cannot read (it is set aside).
     */
    public <T> void handle(ConsumerRecord<String, byte[]> record, Function<byte[], Optional<T>> decode,
            Consumer<T> apply) {
        Optional<T> decoded;
        try {
            decoded = decode.apply(record.value());
        } catch (Throwable e) {
            rethrowFatal(e);
            setAside(record, e);
            return;
        }
        decoded.ifPresent(event -> apply(record, event, apply));
    }

    private <T> void apply(ConsumerRecord<String, byte[]> record, T event, Consumer<T> apply) {
        Duration delay = config.retryInitialDelay();
        int failures = 0;
        boolean waitingOutAnOutage = false;
        while (true) {
            try {
                apply.accept(event);
                if (waitingOutAnOutage) {
                    LOG.infof("%s handled after the outage", position(record));
                }
                return;
            } catch (Throwable e) {
                rethrowFatal(e);
                if (Failures.isTransient(e)) {
                    if (!waitingOutAnOutage) {
                        LOG.warnf("%s: a dependency is unavailable, retrying until it is back: %s", position(record),
                                DeadLetters.describe(e));
                        waitingOutAnOutage = true;
                    }
                } else if (++failures >= config.attempts()) {
                    setAside(record, e);
                    return;
                } else {
                    LOG.infof("%s failed (try %d of %d), retrying: %s", position(record), failures, config.attempts(),
                            DeadLetters.describe(e));
                }
                pause(record, delay);
                delay = next(delay);
            }
        }
    }

    /**
     * Writes the record to its dead-letter topic, waiting out a broker outage the same way; a record the
     * dead-letter topic refuses for good (it cannot happen with the platform's limits) is logged and skipped
     * rather than stopping the consumer.
     */
    private void setAside(ConsumerRecord<String, byte[]> record, Throwable why) {
        Duration delay = config.retryInitialDelay();
        while (true) {
            try {
                deadLetters.setAside(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                        why);
                return;
            } catch (RuntimeException e) {
                if (!Failures.isTransient(e)) {
                    LOG.errorf(e, "%s could not be set aside and is skipped; the reason it was: %s", position(record),
                            DeadLetters.describe(why));
                    return;
                }
                pause(record, delay);
                delay = next(delay);
            }
        }
    }

    /**
     * Any failure of one record, a stack overflow on a deeply nested one included, costs that record alone;
     * only a JVM that cannot go on (out of memory, an internal error) stops the consumer.
     */
    private static void rethrowFatal(Throwable e) {
        if (e instanceof VirtualMachineError fatal && !(e instanceof StackOverflowError)) {
            throw fatal;
        }
    }

    private Duration next(Duration delay) {
        Duration doubled = delay.multipliedBy(2);
        return doubled.compareTo(config.retryMaxDelay()) > 0 ? config.retryMaxDelay() : doubled;
    }

    /**
     * Waits before the next try. When the service stops meanwhile, the record is given up by throwing: it is
     * then not acknowledged, so it is read again when the service is back.
     */
    private void pause(ConsumerRecord<String, byte[]> record, Duration delay) {
        try {
            if (stopping.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("stopping before " + position(record) + " was handled");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before " + position(record) + " was handled", e);
        }
    }

    private static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    @PreDestroy
    void stop() {
        stopping.countDown();
    }
}
