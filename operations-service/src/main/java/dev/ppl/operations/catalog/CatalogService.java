package dev.ppl.operations.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.ppl.contracts.Ids;
import dev.ppl.contracts.Topics;
import dev.ppl.contracts.catalog.ComponentVersionDeleted;
import dev.ppl.contracts.catalog.ComponentVersionPublished;
import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.contracts.component.ComponentDescriptor;
import dev.ppl.contracts.lease.OwnedResource;
import dev.ppl.service.kafka.EventPublisher;
import dev.ppl.service.persistence.Db;
import dev.ppl.service.web.ResourceNotFoundException;
import io.smallrye.mutiny.Uni;

/** The component catalog: components by name per workspace, their versions, and the built-in harness. */
@ApplicationScoped
public class CatalogService {
    /** Components visible to every workspace: the built-in harness. */
    public static final String BUILTIN = "_builtin";
    private static final String LATEST = "latest";

    private final EventPublisher events;

    public CatalogService(EventPublisher events) {
        this.events = events;
    }

    public VersionView publish(String workspaceId, PublishRequest request) {
        ComponentDescriptor descriptor = request.descriptor();
        Instant now = Instant.now();
        String versionId = Ids.next(Ids.VERSION);
        ComponentVersionEntity saved = Db.tx(() -> ComponentEntity
                .<ComponentEntity> find("workspaceId = ?1 and name = ?2", workspaceId, descriptor.name()).firstResult()
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

    public Map<String, Object> list(String workspaceId, String query) {
        String needle = query == null ? "" : query.toLowerCase(Locale.ROOT);
        String pattern = "%" + needle.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        List<ComponentEntity> found = Db.tx(() -> ComponentEntity.<ComponentEntity> list(
                "workspaceId in (?1, ?2) and lower(name) like ?3 escape '!' order by name", workspaceId, BUILTIN, pattern));
        List<Map<String, Object>> items = new ArrayList<>();
        for (ComponentEntity c : found) {
            Optional<ComponentVersionEntity> latest = latest(c.id);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("component_id", c.id);
            item.put("name", c.name);
            latest.ifPresent(v -> {
                item.put("harness", v.harness);
                item.put("latest_version_id", v.id);
            });
            items.add(item);
        }
        return Map.of("count", items.size(), "items", items);
    }

    public List<VersionView> versions(String workspaceId, String componentId) {
        ComponentEntity component = visibleComponent(workspaceId, componentId);
        List<ComponentVersionEntity> versions = Db.tx(() -> ComponentVersionEntity
                .<ComponentVersionEntity> list("componentId = ?1 order by publishedAt desc", component.id));
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

    /** Deletes the versions a lease owns (and components left without versions); answers what it deleted. */
    public List<OwnedResource> deleteLeaseVersions(String leaseId) {
        List<ComponentVersionEntity> owned = Db
                .tx(() -> ComponentVersionEntity.<ComponentVersionEntity> list("leaseId", leaseId));
        List<OwnedResource> deleted = new ArrayList<>();
        for (ComponentVersionEntity v : owned) {
            int left = Db.tx(() -> ComponentVersionEntity.delete("id", v.id)
                    .chain(() -> ComponentVersionEntity.<ComponentVersionEntity> list(
                            "componentId = ?1 order by publishedAt desc", v.componentId))
                    .call(remaining -> {
                        if (remaining.isEmpty()) {
                            return ComponentEntity.deleteById(v.componentId);
                        }
                        // The latest tag moves back to the newest version left.
                        if (LATEST.equals(v.tags)) {
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
