package dev.ppl.service.web;

/** 400: a field of the request is missing or wrong. */
public class InvalidInputException extends ProblemException {
    public InvalidInputException(String field, String expected, String detail) {
        super(400, "Invalid input", detail, field, expected);
    }

    public InvalidInputException(String field, String expected) {
        this(field, expected, field + ": expected " + expected);
    }
}
