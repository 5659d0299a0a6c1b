package dev.ppl.operations;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ppl.operations")
public interface OperationsConfig {
    /** How long a write waits for its own event to be projected before it answers. */
    @WithDefault("10s")
    Duration projectionWait();
}
