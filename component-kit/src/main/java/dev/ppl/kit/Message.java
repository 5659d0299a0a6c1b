package dev.ppl.kit;

/**
 * One input record as a component sees it: the request id it carries (kept on every output written for
 * it), its pipelang type (the {@code ppl-type} header) and its value.
 */
public record Message(String requestId, String type, Value value) {
    public Message {
        if (requestId == null || requestId.isBlank()) {
            throw new IllegalArgumentException("a message needs a request id");
        }
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("a message needs a pipelang type");
        }
        if (value == null) {
            throw new IllegalArgumentException("a message needs a value");
        }
    }
}
