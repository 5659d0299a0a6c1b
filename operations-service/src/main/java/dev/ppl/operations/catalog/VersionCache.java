package dev.ppl.operations.catalog;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Versions as the writer validates against them, remembered for a short while: a version never changes
 * once published, and every operation on a vertex needs its component's ports and schema, so asking
 * the database each time would make the catalog the cost of every write. A version deleted by a lease
 * cleanup on another instance may be seen for up to {@link #TTL} after; only lease-owned prereleases
 * are ever deleted.
 */
@ApplicationScoped
public class VersionCache {
    static final Duration TTL = Duration.ofSeconds(30);

    private record Entry(VersionView version, long expiresAt) {
    }

    private final CatalogService catalog;
    private final Map<String, Entry> byId = new ConcurrentHashMap<>();

    public VersionCache(CatalogService catalog) {
        this.catalog = catalog;
    }

    /** The version if it exists and the workspace sees it (its own, or a built-in). */
    public Optional<VersionView> find(String workspaceId, String versionId) {
        long now = System.nanoTime();
        Entry entry = byId.get(versionId);
        if (entry == null || now - entry.expiresAt() > 0) {
            Optional<VersionView> found = catalog.find(workspaceId, versionId);
            if (found.isEmpty()) {
                byId.remove(versionId);
                return found;
            }
            entry = new Entry(found.get(), now + TTL.toNanos());
            byId.put(versionId, entry);
        }
        VersionView version = entry.version();
        boolean visible = version.workspaceId().equals(workspaceId) || version.workspaceId().equals(CatalogService.BUILTIN);
        return visible ? Optional.of(version) : Optional.empty();
    }

    /** Forgets a version this instance deleted. */
    public void forget(String versionId) {
        byId.remove(versionId);
    }
}
