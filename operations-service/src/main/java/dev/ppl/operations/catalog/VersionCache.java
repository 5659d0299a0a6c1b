package dev.ppl.operations.catalog;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.ppl.operations.OperationsConfig;

/**
 * Versions as the writer validates against them, remembered for a short while: a version never changes
 * once published, and every operation on a vertex needs its component's ports and schema, so asking
 * the database each time would make the catalog the cost of every write. A version deleted by a lease
 * cleanup on another instance may be seen for up to {@link #TTL} after; only lease-owned prereleases
 * are ever deleted. At most {@code ppl.operations.version-cache-size} versions are kept.
 */
@ApplicationScoped
public class VersionCache {
    static final Duration TTL = Duration.ofSeconds(30);

    private final CatalogService catalog;
    /** Eviction runs on the thread that adds an entry, so the maximum holds at once. */
    private final Cache<String, VersionView> byId;

    public VersionCache(CatalogService catalog, OperationsConfig config) {
        this.catalog = catalog;
        this.byId = Caffeine.newBuilder().executor(Runnable::run).expireAfterWrite(TTL)
                .maximumSize(config.versionCacheSize()).build();
    }

    /** The version if it exists and the workspace sees it (its own, or a built-in). */
    public Optional<VersionView> find(String workspaceId, String versionId) {
        VersionView version = byId.getIfPresent(versionId);
        if (version == null) {
            Optional<VersionView> found = catalog.find(workspaceId, versionId);
            if (found.isEmpty()) {
                return found;
            }
            version = found.get();
            byId.put(versionId, version);
        }
        boolean visible = version.workspaceId().equals(workspaceId) || version.workspaceId().equals(CatalogService.BUILTIN);
        return visible ? Optional.of(version) : Optional.empty();
    }

    /** Forgets a version this instance deleted. */
    public void forget(String versionId) {
        byId.invalidate(versionId);
    }
}
