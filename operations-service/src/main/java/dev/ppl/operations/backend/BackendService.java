package dev.ppl.operations.backend;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ppl.contracts.Events;
import dev.ppl.contracts.Ids;
import dev.ppl.contracts.backend.BackendCreated;
import dev.ppl.contracts.backend.BackendDeleted;
import dev.ppl.contracts.backend.BackendEvent;
import dev.ppl.contracts.backend.BackendOperation;
import dev.ppl.contracts.backend.VertexAdded;
import dev.ppl.contracts.lease.OwnedResource;
import dev.ppl.operations.catalog.CatalogService;
import dev.ppl.operations.infra.Caller;
import dev.ppl.operations.oplog.OperationLog;
import dev.ppl.operations.projection.BackendEntity;
import dev.ppl.operations.projection.GraphRepository;
import dev.ppl.service.web.ResourceNotFoundException;

/** Backends: every change is an operation validated against the current graph and appended to the log. */
@ApplicationScoped
public class BackendService {
    private final OperationLog log;
    private final GraphRepository graphs;
    private final CatalogService catalog;

    public BackendService(OperationLog log, GraphRepository graphs, CatalogService catalog) {
        this.log = log;
        this.graphs = graphs;
        this.catalog = catalog;
    }

    public Map<String, Object> create(Caller caller, CreateBackendRequest request) {
        String backendId = Ids.next(Ids.BACKEND);
        log.append(backendId, () -> new BackendCreated(backendId, 0, caller.workspaceId(), request.name(),
                request.leaseId(), null, List.of(), caller.actor(), caller.surface(), Instant.now()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("backend_id", backendId);
        out.put("name", request.name());
        out.put("seq", 0);
        out.put("lease_id", request.leaseId());
        return out;
    }

    public Map<String, Object> apply(Caller caller, String backendId, BackendOperation operation) {
        BackendEvent event = log.append(backendId, () -> OperationValidator.decide(graph(caller.workspaceId(), backendId),
                operation, versionId -> catalog.find(caller.workspaceId(), versionId), caller.actor(), caller.surface(),
                Instant.now()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("backend_id", backendId);
        out.put("seq", event.seq());
        if (event instanceof VertexAdded added) {
            out.put("vertex_id", added.vertexId());
        }
        out.put("event", Events.CODEC.toTree(event));
        return out;
    }

    public void delete(Caller caller, String backendId) {
        delete(caller.workspaceId(), backendId, "client", caller.actor(), caller.surface());
    }

    /** Deletes the live backends a lease owns; answers what it deleted (nothing when asked again). */
    public List<OwnedResource> deleteLeaseBackends(String leaseId) {
        List<BackendEntity> owned = graphs.ownedBy(leaseId);
        for (BackendEntity backend : owned) {
            delete(backend.workspaceId, backend.id, "lease_rolled_back", "operations-service", "lease");
        }
        return owned.stream().map(b -> new OwnedResource("backend", b.id)).toList();
    }

    public BackendGraph graph(String workspaceId, String backendId) {
        return graphs.load(workspaceId, backendId).orElseThrow(() -> new ResourceNotFoundException("backend", backendId));
    }

    public List<String> operations(String workspaceId, String backendId) {
        head(workspaceId, backendId);
        return graphs.operations(backendId);
    }

    private void delete(String workspaceId, String backendId, String reason, String actor, String surface) {
        // Deleting needs only the head: it must work even when a pinned version is already gone.
        log.append(backendId, () -> {
            BackendEntity backend = head(workspaceId, backendId);
            return new BackendDeleted(backendId, backend.seq + 1, reason, backend.leaseId, List.of(), actor, surface,
                    Instant.now());
        });
    }

    private BackendEntity head(String workspaceId, String backendId) {
        return graphs.head(workspaceId, backendId).orElseThrow(() -> new ResourceNotFoundException("backend", backendId));
    }
}
