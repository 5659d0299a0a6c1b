package dev.ppl.gateway.harness;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ppl.gateway.auth.Workspaces;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Refuses a WebSocket upgrade with 401 unless it carries the right token: a workspace token for
 * {@code /v1/...}, the endpoint's own token for an output harness.
 */
@ApplicationScoped
public class HarnessUpgradeCheck implements HttpUpgradeCheck {
    private final Workspaces workspaces;
    private final EndpointTokens tokens;

    public HarnessUpgradeCheck(Workspaces workspaces, EndpointTokens tokens) {
        this.workspaces = workspaces;
        this.tokens = tokens;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String path = context.httpRequest().path();
        String authorization = context.httpRequest().getHeader("Authorization");
        return Uni.createFrom().item(() -> {
            boolean allowed;
            if (path.startsWith("/endpoints/out/")) {
                String[] parts = path.split("/");
                allowed = parts.length == 5 && tokens.verify(
                        EndpointTokens.fromRequest(authorization, queryToken(context.httpRequest().query())), parts[3],
                        parts[4]).isPresent();
            } else {
                allowed = workspaces.authenticate(authorization, null).isPresent();
            }
            return allowed;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(allowed -> allowed ? CheckResult.permitUpgrade() : CheckResult.rejectUpgrade(401));
    }

    /** The {@code token} parameter of a query string, or null. */
    static String queryToken(String query) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("token=")) {
                return URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
