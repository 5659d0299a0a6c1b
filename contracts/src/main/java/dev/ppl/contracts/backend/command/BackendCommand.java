package dev.ppl.contracts.backend.command;

import dev.ppl.contracts.codec.Message;

/**
 * A request to the one writer of a backend, on {@link dev.ppl.contracts.Topics#BACKEND_COMMANDS} keyed by
 * backend id. The writer answers each with a {@link BackendCommandAnswered} carrying the same
 * {@code request_id}, in the same Kafka transaction as the operations it appends.
 */
public sealed interface BackendCommand extends Message
        permits CreateBackend, ApplyOperations, UndoOperations, CompactLog, DeleteBackend {
    String requestId();

    String backendId();

    String workspaceId();

    String actor();

    String surface();
}
