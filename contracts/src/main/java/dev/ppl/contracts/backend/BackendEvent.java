package dev.ppl.contracts.backend;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;

import dev.ppl.contracts.codec.Message;
import dev.ppl.contracts.codec.WireTypeIdResolver;

/**
 * A record of {@link dev.ppl.contracts.Topics#BACKEND_OPERATIONS}, keyed by backend id: one accepted
 * operation with its per-backend sequence number (gap-free, starting at 0 with {@link BackendCreated})
 * and the operations that undo it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM, property = "type")
@JsonTypeIdResolver(WireTypeIdResolver.class)
public sealed interface BackendEvent extends Message
        permits BackendCreated, OperationRecorded, LogCompacted, BackendDeleted, VertexAdded, EdgeConnected, ParameterChanged {
    String backendId();

    long seq();

    List<BackendOperation> inverse();

    /** Who asked: a workspace token's subject or a service name. */
    String actor();

    /** Where it came from: {@code cli}, {@code rest}, {@code ui}, {@code sdk}, {@code lease}. */
    String surface();

    Instant recordedAt();
}
