package dev.ppl.service.web;

/** 409: the request is well-formed but conflicts with the resource's current state. */
public class ResourceConflictException extends ProblemException {
    public ResourceConflictException(String detail, String field) {
        super(409, "Conflict", detail, field, null);
    }
}
