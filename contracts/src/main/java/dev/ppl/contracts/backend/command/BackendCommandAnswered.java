package dev.ppl.contracts.backend.command;

import static dev.ppl.contracts.codec.Require.text;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.backend.BackendEvent;
import dev.ppl.contracts.codec.Message;
import dev.ppl.contracts.codec.WireType;

/**
 * The writer's answer to a {@link BackendCommand}, on {@link dev.ppl.contracts.Topics#BACKEND_REPLIES} keyed by
 * request id, committed with the events it reports (so an answer is never seen for an aborted append).
 *
 * @param firstSeq the sequence number of the first event appended; null when nothing was
 * @param lastSeq the sequence number of the last event appended; null when nothing was
 * @param events the event appended when it was exactly one (an operation, a compaction, a deletion);
 *        empty otherwise, so the answer to a large patch stays one small record
 * @param graph the resulting graph of a dry run
 * @param problem why it was refused; null when accepted
 */
@WireType("backend.command_answered.v1")
public record BackendCommandAnswered(String requestId, String backendId, Long firstSeq, Long lastSeq,
        List<BackendEvent> events, JsonNode graph, Problem problem) implements Message {

    public BackendCommandAnswered {
        text(requestId, "request_id");
        text(backendId, "backend_id");
        events = events == null ? List.of() : List.copyOf(events);
    }

    /**
     * An RFC 9457 problem as the writer found it; the caller's HTTP answer carries it unchanged.
     *
     * @param limit the limit the command went past (a size, a depth, a count); null for other refusals
     */
    public record Problem(int status, String title, String detail, String field, String expected, Long limit) {
    }
}
