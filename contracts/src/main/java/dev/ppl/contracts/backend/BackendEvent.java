package dev.ppl.contracts.backend;

import java.time.Instant;
import java.util.List;

import dev.ppl.contracts.codec.Message;

/**
 * A record of {@link dev.ppl.contracts.Topics#BACKEND_OPERATIONS}, keyed by backend id: one accepted
 * operation with its per-backend sequence number (gap-free, starting at 0 with {@link BackendCreated})
 * and the operations that undo it.
 */
public sealed interface BackendEvent extends Message
        permits BackendCreated, VertexAdded, EdgeConnected, ParameterChanged, BackendDeleted {
    String backendId();

    long seq();

    List<BackendOperation> inverse();

    /** Who asked: a workspace token's subject or a service name. */
    String actor();

    /** Where it came from: {@code cli}, {@code rest}, {@code ui}, {@code sdk}, {@code lease}. */
    String surface();

    Instant recordedAt();
}
