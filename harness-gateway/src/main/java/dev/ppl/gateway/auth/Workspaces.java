package dev.ppl.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.ppl.contracts.Ids;
import dev.ppl.gateway.GatewayConfig;
import dev.ppl.service.persistence.Db;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/** Workspaces and their API tokens. Tokens are stored and compared as SHA-256 hashes only. */
@ApplicationScoped
public class Workspaces {
    private static final Set<String> SURFACES = Set.of("cli", "rest", "ui", "sdk");

    private final GatewayConfig config;
    /** Known tokens only (an unknown one is never kept), at most {@code ppl.gateway.caches.tokens} of them. */
    private final Cache<String, String> workspaceByHash;

    public Workspaces(GatewayConfig config) {
        this.config = config;
        this.workspaceByHash = Caffeine.newBuilder().executor(Runnable::run).maximumSize(config.caches().tokens()).build();
    }

    void bootstrap(@Observes StartupEvent startup) {
        WorkspaceEntity workspace = ensure(config.bootstrapWorkspace());
        config.bootstrapToken().filter(t -> !t.isBlank()).ifPresent(token -> addToken(workspace.id, token));
    }

    /** The workspace of that name, created if missing. */
    public WorkspaceEntity ensure(String name) {
        return Db.tx(() -> WorkspaceEntity.<WorkspaceEntity> find("name", name).firstResult().chain(found -> {
            if (found != null) {
                return Uni.createFrom().item(found);
            }
            WorkspaceEntity created = new WorkspaceEntity();
            created.id = Ids.next(Ids.WORKSPACE);
            created.name = name;
            created.createdAt = Instant.now();
            return created.<WorkspaceEntity> persist();
        }));
    }

    /** Lets {@code token} act for the workspace; idempotent. */
    public void addToken(String workspaceId, String token) {
        String hash = hash(token);
        Db.tx(() -> ApiTokenEntity.<ApiTokenEntity> findById(hash).chain(found -> {
            if (found != null) {
                return Uni.createFrom().nullItem();
            }
            ApiTokenEntity created = new ApiTokenEntity();
            created.tokenHash = hash;
            created.workspaceId = workspaceId;
            created.createdAt = Instant.now();
            return created.persist();
        }));
    }

    /** The caller a bearer header stands for, or empty when it is missing or unknown. Blocking. */
    public Optional<Caller> authenticate(String authorization, String surfaceHeader) {
        String token = bearer(authorization);
        if (token == null) {
            return Optional.empty();
        }
        String hash = hash(token);
        String workspace = workspaceByHash.getIfPresent(hash);
        if (workspace == null) {
            ApiTokenEntity found = Db.tx(() -> ApiTokenEntity.<ApiTokenEntity> findById(hash));
            if (found == null) {
                return Optional.empty();
            }
            workspace = found.workspaceId;
            workspaceByHash.put(hash, workspace);
        }
        String surface = surfaceHeader != null && SURFACES.contains(surfaceHeader) ? surfaceHeader : "rest";
        return Optional.of(new Caller(workspace, "token:" + hash.substring(0, 6), surface));
    }

    /** The token of an {@code Authorization: Bearer} header, or null. */
    public static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    public static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
