package dev.ppl.operations;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the operations-service, prefix {@code ppl.operations}. */
@ConfigMapping(prefix = "ppl.operations")
public interface OperationsConfig {
    /**
     * How long a read waits for the projection to catch up with the log, and a write that answers from the
     * projection for its own events to be projected, before either answers 503.
     */
    @WithDefault("10s")
    Duration projectionWait();

    /** How long a command waits for its writer's answer (a writer that just took over replays its partition first). */
    @WithDefault("30s")
    Duration commandTimeout();

    /**
     * Partitions of {@code ppl.backend.operations} and {@code ppl.backend.commands} (they must match): tells
     * which partition a backend is keyed to.
     */
    @WithDefault("3")
    int operationsPartitions();

    /** Lean component lists answer at most this many records per page; {@code query} searches past it. */
    @WithDefault("20")
    int componentPageSize();
}
