package dev.ppl.contracts.codec;

/** A message could not be decoded: not JSON, unknown type, or a record whose constructor refused it. */
public class MessageDecodingException extends RuntimeException {
    public MessageDecodingException(String message) {
        super(message);
    }
}
