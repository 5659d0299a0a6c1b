package dev.ppl.contracts;

/**
 * Kafka topic names. Each topic's records are keyed as documented in {@code docs/events.md}.
 */
public final class Topics {

    /** Backend operation log, the source of truth for every backend graph. Key: backend id. */
    public static final String BACKEND_OPERATIONS = "ppl.backend.operations";
    /**
     * Commands for backends (create, operations, undo, compact, delete), consumed by the one writer that
     * owns the backend's partition. Key: backend id. Same partition count as {@link #BACKEND_OPERATIONS}.
     */
    public static final String BACKEND_COMMANDS = "ppl.backend.commands";
    /** The writer's answer to each backend command, written in the command's transaction. Key: request id. */
    public static final String BACKEND_REPLIES = "ppl.backend.replies";
    /** Component catalog events and the operations-service's lease acknowledgements. Key: component id or lease id. */
    public static final String CATALOG_EVENTS = "ppl.catalog.events";
    /** Lease lifecycle events. Key: lease id. */
    public static final String LEASE_EVENTS = "ppl.lease.events";
    /** Deployment and container events. Key: deployment id, or lease id for acknowledgements. */
    public static final String DEPLOY_EVENTS = "ppl.deploy.events";
    /** Gateway-owned resources (files) and the gateway's lease acknowledgements. Key: file id or lease id. */
    public static final String GATEWAY_EVENTS = "ppl.gateway.events";
    /** Suffix of a topic's dead-letter topic: records a consumer of the topic could not handle. */
    public static final String DEAD_LETTER_SUFFIX = ".dlq";
    /** Prefix of the per-edge data-plane topics created for each deployment. */
    public static final String DATA_PREFIX = "ppl.data.";

    private Topics() {
    }

    /**
     * Where a consumer of {@code topic} sets aside a record it cannot decode or apply, unchanged (same key
     * and value) with headers naming where it came from and why. Key: the original record's key.
     */
    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    /** The data-plane topic of one edge of one deployment. */
    public static String edgeTopic(String deploymentId, String fromVertex, int fromOutput, String toVertex, int toInput) {
        return DATA_PREFIX + deploymentId + "." + fromVertex + "-" + fromOutput + "." + toVertex + "-" + toInput;
    }
}
