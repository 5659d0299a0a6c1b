package dev.ppl.gateway.harness;

import java.util.Optional;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.ppl.service.web.ProblemMappers;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.ext.web.RoutingContext;

/**
 * An input harness POST is checked for its endpoint token before a byte of its body is read, so a caller without
 * one is answered 401 whatever it sends, at the cost of one token lookup. Runs before the body limits.
 */
public class InputHarnessGuard {
    static final String WORKSPACE = "ppl.harness.workspace";
    private static final String PREFIX = "/endpoints/in/";

    private final EndpointTokens tokens;

    public InputHarnessGuard(EndpointTokens tokens) {
        this.tokens = tokens;
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.USER)
    public Uni<Response> authenticate(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (!path.startsWith(PREFIX)) {
            return Uni.createFrom().nullItem();
        }
        String[] parts = path.substring(PREFIX.length()).split("/");
        String token = EndpointTokens.fromRequest(rc.request().getHeader("Authorization"), rc.request().getParam("token"));
        return Uni.createFrom()
                .item(() -> parts.length == 2 ? tokens.verify(token, parts[0], parts[1]) : Optional.<String> empty())
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(workspace -> {
                    if (workspace.isEmpty()) {
                        return ProblemMappers.respond(401, "Unauthorized",
                                "this endpoint needs its token (from `ppl forward`) as Authorization: Bearer or ?token=",
                                "token", "the endpoint's token", null);
                    }
                    rc.put(WORKSPACE, workspace.get());
                    return null;
                });
    }

    /** The workspace whose endpoint token the request carried; set for every request that reaches the resource. */
    static String workspace(RoutingContext rc) {
        String workspace = rc.get(WORKSPACE);
        if (workspace == null) {
            throw new IllegalStateException("no endpoint token checked on an input harness path");
        }
        return workspace;
    }
}
