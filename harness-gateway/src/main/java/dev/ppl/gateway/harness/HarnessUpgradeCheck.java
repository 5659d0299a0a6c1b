package dev.ppl.gateway.harness;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ppl.gateway.auth.Workspaces;
import dev.ppl.gateway.limits.StreamSlots;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Refuses a WebSocket upgrade with 401 unless it carries the right token: a workspace token for
 * {@code /v1/...}, the endpoint's own token for an output harness; and with 429 when that token already holds
 * its most open streams ({@link StreamSlots}). The slot taken here is the connection's until it closes. An upgrade
 * refusal carries a status only: WebSockets Next writes no body for it.
 */
@ApplicationScoped
public class HarnessUpgradeCheck implements HttpUpgradeCheck {
    private final Workspaces workspaces;
    private final EndpointTokens tokens;
    private final StreamSlots slots;

    public HarnessUpgradeCheck(Workspaces workspaces, EndpointTokens tokens, StreamSlots slots) {
        this.workspaces = workspaces;
        this.tokens = tokens;
        this.slots = slots;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String path = context.httpRequest().path();
        String authorization = context.httpRequest().getHeader("Authorization");
        return Uni.createFrom().item(() -> {
            boolean allowed;
            String token;
            if (path.startsWith("/endpoints/out/")) {
                String[] parts = path.split("/");
                token = EndpointTokens.fromRequest(authorization, queryToken(context.httpRequest().query()));
                allowed = parts.length == 5 && tokens.verify(token, parts[3], parts[4]).isPresent();
            } else {
                token = Workspaces.bearer(authorization);
                allowed = workspaces.authenticate(authorization, null).isPresent();
            }
            if (!allowed) {
                return 401;
            }
            return slots.tryAcquire(token).map(slot -> {
                context.userData().put(StreamSlots.SLOT, slot);
                return 0;
            }).orElse(429);
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(refusal -> refusal == 0 ? CheckResult.permitUpgrade() : CheckResult.rejectUpgrade(refusal));
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
