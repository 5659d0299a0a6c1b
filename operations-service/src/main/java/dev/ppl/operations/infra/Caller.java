package dev.ppl.operations.infra;

import dev.ppl.service.web.Workspace;

/**
 * Who makes an internal call, from its headers: the workspace the gateway resolved (required), the actor
 * and the surface stamped on every event the call causes.
 */
public record Caller(String workspaceId, String actor, String surface) {

    public static final String DEFAULT_ACTOR = "unknown";
    public static final String DEFAULT_SURFACE = "rest";

    public Caller {
        Workspace.require(workspaceId);
        actor = actor == null || actor.isBlank() ? DEFAULT_ACTOR : actor;
        surface = surface == null || surface.isBlank() ? DEFAULT_SURFACE : surface;
    }
}
