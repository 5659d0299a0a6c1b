package dev.ppl.service.web;

/**
 * Base of every refusal a service answers with a problem response. Subclasses name the role:
 * {@code LeaseNotFoundException}, {@code BackendConflictException}, {@code InvalidInputException}.
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String title;
    private final String field;
    private final String expected;
    private final Long limit;

    public ProblemException(int status, String title, String detail, String field, String expected) {
        this(status, title, detail, field, expected, null);
    }

    public ProblemException(int status, String title, String detail, String field, String expected, Long limit) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
        this.expected = expected;
        this.limit = limit;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String field() {
        return field;
    }

    public String expected() {
        return expected;
    }

    /** The limit the refused input went past, or null when the refusal is not about a limit. */
    public Long limit() {
        return limit;
    }
}
