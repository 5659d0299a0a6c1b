package dev.ppl.service.web;

/** 404: no such resource in the caller's workspace. Says the same whether it exists elsewhere or not at all. */
public class ResourceNotFoundException extends ProblemException {
    public ResourceNotFoundException(String kind, String id) {
        super(404, "Not found", kind + " '" + id + "' does not exist in this workspace", null, null);
    }
}
