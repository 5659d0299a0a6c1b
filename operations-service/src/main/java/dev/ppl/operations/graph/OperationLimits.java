package dev.ppl.operations.graph;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.Events;
import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.contracts.codec.Message;
import dev.ppl.service.web.LimitExceededException;

/**
 * How big a backend and what is written about it may get (docs/limits.md). Every event the writer appends
 * and every answer it gives is one Kafka record, so each is kept under {@link #maxEventBytes()} before it is
 * sent: an operation whose event would not fit is refused, never sent (a record the broker refuses would
 * abort the writer's transaction, and the command would be read and fail again). A vertex is capped as a
 * whole so that the events that carry a whole vertex (delete-vertex's inverse, restore-vertex) always fit.
 *
 * @param maxStringBytes the longest string field of an operation (a metadata value, an alias, a path), in UTF-8 bytes
 * @param maxPatchOperations the most operations in one patch
 * @param maxVertices the most vertices a backend has at once
 * @param maxEdges the most edges a backend has at once
 * @param maxVertexBytes the largest encoded vertex (its bindings, metadata and configuration)
 * @param maxEventBytes the largest encoded event or answer the writer produces
 */
public record OperationLimits(int maxStringBytes, int maxPatchOperations, int maxVertices, int maxEdges,
        int maxVertexBytes, int maxEventBytes) {

    public static final OperationLimits DEFAULTS = new OperationLimits(65_536, 1_000, 500, 2_000, 262_144, 524_288);

    /**
     * Refuses an operation with a string field longer than {@link #maxStringBytes()}, naming the field; answers the
     * path of its longest string field (where its size is), or null when it has none.
     */
    public String checkStrings(Object operation) {
        String longest = null;
        int longestLength = -1;
        JsonNode tree = JsonCodec.mapper().valueToTree(operation);
        Deque<Map.Entry<String, JsonNode>> pending = new ArrayDeque<>();
        pending.push(Map.entry("", tree));
        while (!pending.isEmpty()) {
            Map.Entry<String, JsonNode> next = pending.pop();
            JsonNode node = next.getValue();
            String path = next.getKey();
            if (node.isTextual()) {
                String text = node.textValue();
                if (text.length() > longestLength) {
                    longest = path;
                    longestLength = text.length();
                }
                // A char is at most 3 UTF-8 bytes: most strings are passed without counting their bytes.
                if (text.length() > maxStringBytes / 3) {
                    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
                    if (bytes > maxStringBytes) {
                        throw LimitExceededException.tooLarge(path, maxStringBytes, "ppl.operations.max-string-bytes",
                                bytes);
                    }
                }
            } else if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> field = it.next();
                    pending.push(Map.entry(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue()));
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    pending.push(Map.entry(path + "[" + i + "]", node.get(i)));
                }
            }
        }
        return longest;
    }

    public void checkPatchSize(int operations) {
        if (operations > maxPatchOperations) {
            throw LimitExceededException.tooMany("operations", maxPatchOperations, "operations",
                    "ppl.operations.max-patch-operations", operations);
        }
    }

    public void checkVertices(int vertices, String field) {
        if (vertices > maxVertices) {
            throw LimitExceededException.tooMany(field, maxVertices, "vertices in one backend",
                    "ppl.operations.max-vertices", vertices);
        }
    }

    public void checkEdges(int edges, String field) {
        if (edges > maxEdges) {
            throw LimitExceededException.tooMany(field, maxEdges, "edges in one backend", "ppl.operations.max-edges", edges);
        }
    }

    /**
     * Refuses a change that could make a vertex encode larger than {@link #maxVertexBytes()}: the vertex as it is
     * plus the whole change, an upper bound that needs no trial application; {@code field} is the change's field.
     */
    public void checkVertexGrowth(Object vertex, Object change, String field) {
        int bytes = encodedSize(vertex) + encodedSize(change);
        if (bytes > maxVertexBytes) {
            throw LimitExceededException.tooLarge(field, maxVertexBytes, "ppl.operations.max-vertex-bytes", bytes);
        }
    }

    private static int encodedSize(Object value) {
        try {
            return JsonCodec.mapper().writeValueAsBytes(value).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a value that cannot be encoded", e);
        }
    }

    /** Refuses an event or answer that would encode larger than {@link #maxEventBytes()}. */
    public void checkEvent(Message event, String field) {
        int bytes = Events.CODEC.encodeBytes(event).length;
        if (bytes > maxEventBytes) {
            throw LimitExceededException.tooLarge(field, maxEventBytes, "ppl.operations.max-event-bytes", bytes);
        }
    }
}
