package dev.ppl.operations.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.ppl.contracts.Ids;
import dev.ppl.contracts.Topics;
import dev.ppl.contracts.catalog.ComponentVersionDeleted;
import dev.ppl.contracts.catalog.ComponentVersionPublished;
import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.contracts.component.ComponentDescriptor;
import dev.ppl.contracts.lease.OwnedResource;
import dev.ppl.operations.OperationsConfig;
import dev.ppl.service.kafka.EventPublisher;
import dev.ppl.service.persistence.Db;
import dev.ppl.service.web.InvalidInputException;
import dev.ppl.service.web.LimitExceededException;
import dev.ppl.service.web.ResourceConflictException;
import dev.ppl.service.web.ResourceNotFoundException;
import dev.ppl.service.web.Workspace;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The component catalog: components by name per workspace, their versions, and the six built-in harness components
 * (workspace {@value #BUILTIN}, seeded by the migrations). Publishing validates the whole {@code component.yml}
 * first ({@link DescriptorRules}) and stores nothing when it refuses.
 */
@ApplicationScoped
public class CatalogService {
    /** A versions list without {@code limit} answers this many, newest first. */
    public static final int DEFAULT_VERSIONS_PAGE = 100;
    /** The most versions one page answers; a larger {@code limit} is a 400. */
    public static final int MAX_VERSIONS_PAGE = 500;
    /** Components visible to every workspace: the built-in harness. */
    public static final String BUILTIN = "_builtin";
    private static final String LATEST = "latest";

    /** The unique index on released version strings (V5). */
    private static final String RELEASE_UNIQUE = "component_versions_released_version";
    /** The unique key on (workspace_id, name) of components (V1). */
    private static final String COMPONENT_UNIQUE = "components_workspace_id_name_key";

    private final EventPublisher events;
    private final int pageSize;

    public CatalogService(EventPublisher events, OperationsConfig config) {
        this.events = events;
        this.pageSize = config.componentPageSize();
    }

    public VersionView publish(String workspaceId, PublishRequest request) {
        ComponentDescriptor descriptor = request.descriptor();
        DescriptorRules.check(descriptor);
        if (BUILTIN.equals(workspaceId)) {
            throw new InvalidInputException(Workspace.HEADER, "the caller's workspace id",
                    "workspace " + BUILTIN + " holds the platform's built-in components; nothing is published into it");
        }
        refuseConflicts(workspaceId, request);
        try {
            return store(workspaceId, request);
        } catch (RuntimeException e) {
            if (violates(e, RELEASE_UNIQUE)) {
                throw versionTaken(descriptor);
            }
            if (!violates(e, COMPONENT_UNIQUE)) {
                throw e;
            }
            // Another publish created the component a moment ago: this one becomes a version of it.
            refuseConflicts(workspaceId, request);
            try {
                return store(workspaceId, request);
            } catch (RuntimeException again) {
                if (violates(again, RELEASE_UNIQUE)) {
                    throw versionTaken(descriptor);
                }
                throw again;
            }
        }
    }

    /**
     * A name of a built-in harness component would shadow it ({@code by-name/{name}/latest} prefers the workspace's
     * own); a version string released twice would make a version mean two things. A prerelease inside a lease is
     * exempt from the second rule: every {@code ppl lease run} publishes the working directory's version again, and
     * the lease removes it.
     */
    private void refuseConflicts(String workspaceId, PublishRequest request) {
        ComponentDescriptor descriptor = request.descriptor();
        long builtins = Db.tx(() -> ComponentEntity.count("workspaceId = ?1 and lower(name) = ?2", BUILTIN,
                descriptor.name().toLowerCase(Locale.ROOT)));
        if (builtins > 0) {
            throw new ResourceConflictException("'" + descriptor.name()
                    + "' is the name of a built-in harness component; publish under another name", "name");
        }
        if (request.leaseId() != null) {
            return;
        }
        long taken = Db.tx(() -> ComponentVersionEntity.count("workspaceId = ?1 and version = ?2 and leaseId is null"
                + " and componentId in (select c.id from ComponentEntity c where c.workspaceId = ?1 and c.name = ?3)",
                workspaceId, descriptor.version(), descriptor.name()));
        if (taken > 0) {
            throw versionTaken(descriptor);
        }
    }

    private static ResourceConflictException versionTaken(ComponentDescriptor descriptor) {
        return new ResourceConflictException("component '" + descriptor.name() + "' already has a version '"
                + descriptor.version() + "' in this workspace; publish a new version string", "version");
    }

    private VersionView store(String workspaceId, PublishRequest request) {
        ComponentDescriptor descriptor = request.descriptor();
        Instant now = Instant.now();
        String versionId = Ids.next(Ids.VERSION);
        // The component's row is locked, so concurrent publishes of one component take turns moving the latest tag.
        ComponentVersionEntity saved = Db.tx(() -> ComponentEntity
                .<ComponentEntity> find("workspaceId = ?1 and name = ?2", workspaceId, descriptor.name())
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().item(existing);
                    }
                    ComponentEntity created = new ComponentEntity();
                    created.id = Ids.next(Ids.COMPONENT);
                    created.workspaceId = workspaceId;
                    created.name = descriptor.name();
                    created.createdAt = now;
                    return created.<ComponentEntity> persist();
                })
                .chain(component -> ComponentVersionEntity
                        .<ComponentVersionEntity> list("componentId = ?1 and tags = ?2", component.id, LATEST)
                        .chain(previous -> {
                            // The latest tag moves to the newest version.
                            previous.forEach(v -> v.tags = "");
                            ComponentVersionEntity v = new ComponentVersionEntity();
                            v.id = versionId;
                            v.componentId = component.id;
                            v.workspaceId = workspaceId;
                            v.version = descriptor.version();
                            v.prerelease = request.prerelease();
                            v.leaseId = request.leaseId();
                            v.harness = descriptor.harness();
                            v.tags = LATEST;
                            v.descriptor = json(descriptor);
                            v.publishedAt = now;
                            return v.<ComponentVersionEntity> persist();
                        })));
        events.publish(Topics.CATALOG_EVENTS, saved.componentId, new ComponentVersionPublished(saved.componentId, saved.id,
                workspaceId, descriptor.name(), descriptor.version(), saved.prerelease, saved.leaseId, now));
        return view(saved, descriptor.name());
    }

    /** Whether a failure, or any cause of it, is a violation of the named unique constraint. */
    private static boolean violates(Throwable e, String constraint) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(constraint)) {
                return true;
            }
        }
        return false;
    }

    /**
     * One page of the components the workspace sees (its own and the built-ins) whose name contains {@code query},
     * case-insensitive; {@code count} is the total that match, so a query finds a component on any page.
     */
    public ComponentPage list(String workspaceId, String query, int offset, int limit) {
        int size = Math.min(limit, pageSize);
        String needle = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        String pattern = "%" + needle.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        String where = "workspaceId in (?1, ?2) and lower(name) like ?3 escape '!'";
        long count = Db.tx(() -> ComponentEntity.count(where, workspaceId, BUILTIN, pattern));
        if (size == 0 || offset >= count) {
            return new ComponentPage(count, offset, size, List.of());
        }
        List<ComponentEntity> page = Db.tx(() -> ComponentEntity
                .<ComponentEntity> find(where + " order by lower(name), name, id", workspaceId, BUILTIN, pattern)
                .range(offset, offset + size - 1).list());
        List<String> ids = page.stream().map(c -> c.id).toList();
        Map<String, ComponentVersionEntity> latest = new HashMap<>();
        Db.tx(() -> ComponentVersionEntity.<ComponentVersionEntity> list(
                "componentId in ?1 and tags = ?2 order by publishedAt desc", ids, LATEST))
                .forEach(v -> latest.putIfAbsent(v.componentId, v));
        List<ComponentPage.Item> items = new ArrayList<>();
        for (ComponentEntity c : page) {
            ComponentVersionEntity v = latest.get(c.id);
            items.add(new ComponentPage.Item(c.id, c.name, v == null ? null : v.harness, v == null ? null : v.id));
        }
        return new ComponentPage(count, offset, size, items);
    }

    /** The most records a page of {@link #list} holds. */
    public int pageSize() {
        return pageSize;
    }

    public List<VersionView> versions(String workspaceId, String componentId, int offset, int limit) {
        if (limit > MAX_VERSIONS_PAGE) {
            throw LimitExceededException.tooMany("limit", MAX_VERSIONS_PAGE, "versions per page",
                    "fixed", limit);
        }
        ComponentEntity component = visibleComponent(workspaceId, componentId);
        if (limit == 0) {
            return List.of();
        }
        List<ComponentVersionEntity> versions = Db.tx(() -> ComponentVersionEntity
                .<ComponentVersionEntity> find("componentId = ?1 order by publishedAt desc, id", component.id)
                .range(offset, offset + limit - 1).list());
        return versions.stream().map(v -> view(v, component.name)).toList();
    }

    /** The workspace's own component of that name, else the built-in one of that name. */
    public VersionView latestByName(String workspaceId, String name) {
        List<ComponentEntity> named = Db.tx(() -> ComponentEntity.<ComponentEntity> list(
                "name = ?1 and workspaceId in (?2, ?3)", name, workspaceId, BUILTIN));
        ComponentEntity component = named.stream().filter(c -> c.workspaceId.equals(workspaceId)).findFirst()
                .or(() -> named.stream().findFirst())
                .orElseThrow(() -> new ResourceNotFoundException("component", name));
        return latest(component.id).map(v -> view(v, component.name))
                .orElseThrow(() -> new ResourceNotFoundException("component", name));
    }

    public Optional<VersionView> find(String workspaceId, String versionId) {
        ComponentVersionEntity v = Db.tx(() -> ComponentVersionEntity.<ComponentVersionEntity> findById(versionId));
        if (v == null || !(v.workspaceId.equals(workspaceId) || v.workspaceId.equals(BUILTIN))) {
            return Optional.empty();
        }
        ComponentEntity component = Db.tx(() -> ComponentEntity.<ComponentEntity> findById(v.componentId));
        // A lease cleanup deletes the version and then its component; between the two the version is gone too.
        return component == null ? Optional.empty() : Optional.of(view(v, component.name));
    }

    public VersionView version(String workspaceId, String versionId) {
        return find(workspaceId, versionId).orElseThrow(() -> new ResourceNotFoundException("version", versionId));
    }

    /**
     * Takes versions out of their lease: one ({@code versionId}) or all of the lease's when it is null. A kept
     * prerelease whose version string a released version already has gets the build suffix {@code +<version id>},
     * as V5 did, so a version string still names one released version.
     */
    public void keepLeaseVersions(String leaseId, String versionId) {
        Db.tx(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                "update {h-schema}component_versions v set lease_id = null, version = case when exists (select 1 from"
                        + " {h-schema}component_versions n where n.component_id = v.component_id and n.version = v.version"
                        + " and n.lease_id is null) then v.version || '+' || v.id else v.version end"
                        + " where v.lease_id = ?1 and (cast(?2 as text) is null or v.id = ?2)")
                .setParameter(1, leaseId).setParameter(2, versionId).executeUpdate()));
    }

    /** Deletes the versions a lease owns (and components left without versions); answers what it deleted. */
    public List<OwnedResource> deleteLeaseVersions(String leaseId) {
        List<ComponentVersionEntity> owned = Db
                .tx(() -> ComponentVersionEntity.<ComponentVersionEntity> list("leaseId", leaseId));
        List<OwnedResource> deleted = new ArrayList<>();
        for (ComponentVersionEntity v : owned) {
            // The component's row is locked, as publishing does, so the latest tag cannot be moved twice at once.
            int left = Db.tx(() -> ComponentEntity
                    .<ComponentEntity> findById(v.componentId, LockModeType.PESSIMISTIC_WRITE)
                    .chain(() -> ComponentVersionEntity.delete("id", v.id))
                    .chain(() -> ComponentVersionEntity.<ComponentVersionEntity> list(
                            "componentId = ?1 order by publishedAt desc", v.componentId))
                    .call(remaining -> {
                        if (remaining.isEmpty()) {
                            return ComponentEntity.deleteById(v.componentId);
                        }
                        // The latest tag moves back to the newest version left.
                        if (remaining.stream().noneMatch(r -> LATEST.equals(r.tags))) {
                            remaining.get(0).tags = LATEST;
                        }
                        return Uni.createFrom().nullItem();
                    }).map(List::size));
            events.publish(Topics.CATALOG_EVENTS, v.componentId,
                    new ComponentVersionDeleted(v.componentId, v.id, leaseId, "lease_rolled_back", Instant.now()));
            deleted.add(new OwnedResource("version", v.id));
            if (left == 0) {
                deleted.add(new OwnedResource("component", v.componentId));
            }
        }
        return deleted;
    }

    private ComponentEntity visibleComponent(String workspaceId, String componentId) {
        ComponentEntity c = Db.tx(() -> ComponentEntity.<ComponentEntity> findById(componentId));
        if (c == null || !(c.workspaceId.equals(workspaceId) || c.workspaceId.equals(BUILTIN))) {
            throw new ResourceNotFoundException("component", componentId);
        }
        return c;
    }

    private static Optional<ComponentVersionEntity> latest(String componentId) {
        return Optional.ofNullable(Db.tx(() -> ComponentVersionEntity.<ComponentVersionEntity> find(
                "componentId = ?1 and tags = ?2 order by publishedAt desc", componentId, LATEST).firstResult()));
    }

    private static VersionView view(ComponentVersionEntity v, String name) {
        ComponentDescriptor descriptor;
        try {
            descriptor = JsonCodec.mapper().readValue(v.descriptor, ComponentDescriptor.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored descriptor of " + v.id + " is unreadable", e);
        }
        List<String> tags = v.tags.isBlank() ? List.of() : Arrays.asList(v.tags.split(","));
        return new VersionView(v.id, v.componentId, name, v.version, v.prerelease, tags, v.leaseId, v.workspaceId, v.harness,
                descriptor);
    }

    private static String json(Object value) {
        try {
            return JsonCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
