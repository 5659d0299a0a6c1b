package dev.ppl.gateway.auth;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.ppl.service.web.ProblemMappers;
import dev.ppl.service.web.Workspace;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.ext.web.RoutingContext;

/**
 * Every {@code /v1} call names its workspace by a bearer token. Runs before the body is read, so a call
 * without a valid token is refused with 401 whatever else is wrong with it, and changes nothing.
 */
public class BearerAuthFilter {
    static final String CALLER = "ppl.caller";

    private final Workspaces workspaces;

    public BearerAuthFilter(Workspaces workspaces) {
        this.workspaces = workspaces;
    }

    @ServerRequestFilter(preMatching = true)
    public Uni<Response> authenticate(RoutingContext rc) {
        if (!rc.normalizedPath().startsWith("/v1/")) {
            return Uni.createFrom().nullItem();
        }
        String authorization = rc.request().getHeader("Authorization");
        String surface = rc.request().getHeader(Workspace.SURFACE_HEADER);
        return Uni.createFrom().item(() -> workspaces.authenticate(authorization, surface))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(caller -> {
                    if (caller.isEmpty()) {
                        return unauthorized(rc.normalizedPath(), authorization == null);
                    }
                    rc.put(CALLER, caller.get());
                    return null;
                });
    }

    public static Caller caller(RoutingContext rc) {
        Caller caller = rc.get(CALLER);
        if (caller == null) {
            throw new IllegalStateException("no caller on an authenticated path");
        }
        return caller;
    }

    static Response unauthorized(String path, boolean missing) {
        Response problem = ProblemMappers.respond(401, "Unauthorized",
                missing ? "this call needs an Authorization: Bearer <token> header"
                        : "the bearer token is not valid for any workspace",
                "Authorization", "Bearer <workspace token>", null);
        return Response.fromResponse(problem).header("WWW-Authenticate", "Bearer").build();
    }
}
