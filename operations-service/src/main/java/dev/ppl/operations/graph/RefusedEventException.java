package dev.ppl.operations.graph;

/** A logged event that cannot follow what a backend's log holds so far; a reader sets it aside and goes on. */
public class RefusedEventException extends RuntimeException {
    public RefusedEventException(String message) {
        super(message);
    }
}
