package dev.ppl.service.kafka;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a consumer retries a record whose handling failed ({@link RecordGuard}). */
@ConfigMapping(prefix = "ppl.consumer")
public interface ConsumerRetryConfig {
    /** The pause after a record's first failure; it doubles after each further one. */
    @WithDefault("100ms")
    Duration retryInitialDelay();

    /** The longest pause between two tries: how late a consumer notices that PostgreSQL or the broker is back. */
    @WithDefault("5s")
    Duration retryMaxDelay();

    /**
     * How many times a record whose handling fails for a reason other than an unavailable dependency is
     * tried before it is set aside. A transient failure is retried for as long as it lasts.
     */
    @WithDefault("3")
    int attempts();
}
