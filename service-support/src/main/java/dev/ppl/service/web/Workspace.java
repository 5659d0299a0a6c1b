package dev.ppl.service.web;

/**
 * The workspace the gateway resolved from the caller's token, passed to every internal call as
 * {@code X-Ppl-Workspace}. Every row a service owns carries it; a row of another workspace is a 404.
 */
public final class Workspace {
    public static final String HEADER = "X-Ppl-Workspace";
    public static final String ACTOR_HEADER = "X-Ppl-Actor";
    public static final String SURFACE_HEADER = "X-Ppl-Surface";

    private Workspace() {
    }

    public static String require(String header) {
        if (header == null || header.isBlank()) {
            throw new InvalidInputException(HEADER, "the caller's workspace id", "the " + HEADER + " header is required");
        }
        return header;
    }
}
