package dev.ppl.gateway;

import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ppl.gateway")
public interface GatewayConfig {
    String operationsUrl();

    String leaseUrl();

    String deployUrl();

    /** The base of the harness endpoint URLs that {@code forward} hands out. */
    String publicUrl();

    /** A workspace created at start if missing. */
    String bootstrapWorkspace();

    /** A token for the bootstrap workspace; none is created when absent. */
    Optional<String> bootstrapToken();

    /**
     * The key {@code /files/{id}/content} checks signed URLs with; the deploy-service signs with the same
     * ({@code ppl.deploy.file-signing-key}). Unset: no signed URL is served, and deployments cannot bind files.
     */
    Optional<String> fileSigningKey();

    /** What one caller may send or hold open; docs/limits.md lists each with the error it gives. */
    Limits limits();

    interface Limits {
        /**
         * The body of a JSON API call (every {@code /v1} route but uploads): refused with 413 naming {@code body}.
         * A chunked body is counted as it arrives and never held beyond this.
         */
        @WithDefault("1M")
        MemorySize jsonBody();

        /** The body of a file upload ({@code POST /v1/files}), streamed to storage as it arrives: 413 naming {@code body}. */
        @WithDefault("256M")
        MemorySize uploadBody();

        /**
         * The body of a harness input POST ({@code /endpoints/in/...}), read only after its token is checked: 413 naming
         * {@code body}. The body becomes one Kafka record, so the default stays under Kafka's default record size
         * (1 MiB, the broker's {@code message.max.bytes}) with room for the headers; raise both together.
         */
        @WithDefault("1000K")
        MemorySize harnessInputBody();

        /**
         * Width × height of an image posted to {@code Input Image HTTP}, read from its header before any pixel is
         * decoded: 400 naming {@code body}. A decoded image costs about 4 bytes a pixel of heap.
         */
        @WithDefault("40000000")
        long imagePixels();

        /**
         * Long-lived streams one token may hold open at once on one gateway instance (live-test and output-harness
         * WebSockets, {@code lease wait}, log follow): the next one is refused with 429.
         */
        @WithDefault("32")
        int streamsPerToken();

        /**
         * Files a lease's cleanup reads and deletes in one transaction, so a lease with any number of files is deleted
         * in bounded batches, never loaded whole.
         */
        @WithDefault("500")
        int leaseCleanupBatch();
    }

    /**
     * How much the gateway keeps in memory between requests; each cache drops entries past its size at once, on the
     * thread that added one.
     */
    Caches caches();

    interface Caches {
        /** API tokens (by hash) whose workspace is known without asking the database. */
        @WithDefault("10000")
        long tokens();

        /** Deployments whose harness routing is known without asking the deploy-service. */
        @WithDefault("10000")
        long deploymentRoutes();
    }
}
