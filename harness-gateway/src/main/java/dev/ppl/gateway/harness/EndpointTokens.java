package dev.ppl.gateway.harness;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ppl.contracts.Ids;
import dev.ppl.gateway.auth.Workspaces;
import dev.ppl.service.persistence.Db;

/** Bearer tokens of single harness endpoints: each opens one vertex of one deployment, nothing else. */
@ApplicationScoped
public class EndpointTokens {

    public String mint(String workspaceId, String deploymentId, String vertexId) {
        String token = Ids.secret("et");
        EndpointTokenEntity entity = new EndpointTokenEntity();
        entity.tokenHash = Workspaces.hash(token);
        entity.deploymentId = deploymentId;
        entity.vertexId = vertexId;
        entity.workspaceId = workspaceId;
        entity.createdAt = Instant.now();
        Db.tx(entity::persist);
        return token;
    }

    /** The workspace of the endpoint the token opens, if it opens exactly this one. Blocking. */
    public Optional<String> verify(String token, String deploymentId, String vertexId) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        EndpointTokenEntity found = Db.tx(() -> EndpointTokenEntity.<EndpointTokenEntity> findById(Workspaces.hash(token)));
        if (found == null || !found.deploymentId.equals(deploymentId) || !found.vertexId.equals(vertexId)) {
            return Optional.empty();
        }
        return Optional.of(found.workspaceId);
    }

    /** The token of a request: {@code Authorization: Bearer}, else {@code ?token=}. */
    public static String fromRequest(String authorization, String queryToken) {
        String bearer = Workspaces.bearer(authorization);
        return bearer != null ? bearer : queryToken;
    }
}
