package dev.ppl.operations;

import java.time.Duration;

import dev.ppl.operations.graph.OperationLimits;
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

    /** The longest string field of an operation (a metadata value, an alias, a path), in UTF-8 bytes; 413 beyond. */
    @WithDefault("65536")
    int maxStringBytes();

    /** The most operations in one patch (or one undo); 400 beyond. */
    @WithDefault("1000")
    int maxPatchOperations();

    /** The most vertices one backend has at once; 400 beyond. */
    @WithDefault("500")
    int maxVertices();

    /** The most edges one backend has at once; 400 beyond. */
    @WithDefault("2000")
    int maxEdges();

    /** The largest encoded vertex (params, files, metadata, configuration), in bytes; 413 beyond. */
    @WithDefault("262144")
    int maxVertexBytes();

    /**
     * The largest encoded event or answer the writer produces, in bytes: kept under the broker's record size
     * (1 MiB by default) so that nothing the writer sends is refused by Kafka; 413 beyond.
     */
    @WithDefault("524288")
    int maxEventBytes();

    /** The largest encoded command sent to a writer (a fork carries its source's operations), in bytes; 413 beyond. */
    @WithDefault("900000")
    int maxCommandBytes();

    /**
     * Component versions the writer keeps in memory for validation ({@code VersionCache}); past this many the least
     * used are dropped and read from the database again when next needed.
     */
    @WithDefault("10000")
    long versionCacheSize();

    /**
     * Backends per partition whose projected sequence this instance remembers for writes waiting on the projection
     * ({@code ProjectionProgress}); past this many the least recently projected are forgotten. A write waits for its
     * own backend, just projected, so only a backend untouched while this many others were projected is ever dropped.
     */
    @WithDefault("100000")
    int projectionProgressBackends();

    default OperationLimits limits() {
        return new OperationLimits(maxStringBytes(), maxPatchOperations(), maxVertices(),
                maxEdges(), maxVertexBytes(), maxEventBytes());
    }
}
