package dev.ppl.operations.infra;

/**
 * A reader's batch was refused because the position stored for its partition is not the one the reader stored
 * last: someone else wrote the partition meanwhile, or emptied the store.
 */
public class PositionConflictException extends RuntimeException {
    public PositionConflictException(String message) {
        super(message);
    }
}
