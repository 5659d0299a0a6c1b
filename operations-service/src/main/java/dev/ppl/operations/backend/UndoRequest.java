package dev.ppl.operations.backend;

/** {@code POST /internal/backends/{id}/undo}. */
public record UndoRequest(int count) {
}
