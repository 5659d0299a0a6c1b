package dev.ppl.gateway.auth;

/** Who is calling: the workspace their token belongs to, an actor name that never reveals the token. */
public record Caller(String workspaceId, String actor, String surface) {
}
