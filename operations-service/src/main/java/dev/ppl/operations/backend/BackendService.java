package dev.ppl.operations.backend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ppl.contracts.Events;
import dev.ppl.contracts.Ids;
import dev.ppl.contracts.backend.BackendCreated;
import dev.ppl.contracts.backend.BackendEvent;
import dev.ppl.contracts.backend.BackendOperation;
import dev.ppl.contracts.backend.LogCompacted;
import dev.ppl.contracts.backend.OperationRecorded;
import dev.ppl.contracts.backend.VertexSnapshot;
import dev.ppl.contracts.backend.command.ApplyOperations;
import dev.ppl.contracts.backend.command.BackendCommandAnswered;
import dev.ppl.contracts.backend.command.CompactLog;
import dev.ppl.contracts.backend.command.CreateBackend;
import dev.ppl.contracts.backend.command.DeleteBackend;
import dev.ppl.contracts.backend.command.UndoOperations;
import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.contracts.lease.OwnedResource;
import dev.ppl.operations.catalog.VersionCache;
import dev.ppl.operations.catalog.VersionView;
import dev.ppl.operations.graph.BackendState;
import dev.ppl.operations.graph.GraphDocument;
import dev.ppl.operations.infra.Caller;
import dev.ppl.operations.oplog.OperationLog;
import dev.ppl.operations.projection.ProjectionStore;
import dev.ppl.service.web.InvalidInputException;
import dev.ppl.service.web.ProblemException;
import dev.ppl.service.web.ResourceNotFoundException;

/**
 * Backends: every change is a command to the backend's one writer; reads come from the projection, each
 * once the projection has caught up with the log as it was when the read came in. A single operation
 * answers when it is committed; the other commands answer once projected, since their answers or the
 * lease bookkeeping ({@link #deleteLeaseBackends}) read the projection straight away.
 */
@ApplicationScoped
public class BackendService {
    private static final int MAX_PAGE = 1000;

    private final OperationLog log;
    private final ProjectionStore store;
    private final VersionCache versions;

    public BackendService(OperationLog log, ProjectionStore store, VersionCache versions) {
        this.log = log;
        this.store = store;
        this.versions = versions;
    }

    public Map<String, Object> create(Caller caller, CreateBackendRequest request) {
        String backendId = Ids.next(Ids.BACKEND);
        String name = request.name();
        List<BackendEvent> copied = List.of();
        if (request.sourceBackendId() != null) {
            log.awaitReadable(request.sourceBackendId());
            GraphDocument source = document(caller.workspaceId(), request.sourceBackendId(), "source_backend_id");
            copied = store.eventsUpTo(source.backendId(), source.seq()).stream()
                    .filter(e -> !(e instanceof BackendCreated)).toList();
            if (name == null) {
                name = source.name();
            }
        }
        log.submitProjected(new CreateBackend(Ids.next("rq"), backendId, caller.workspaceId(), caller.actor(), caller.surface(),
                name, request.leaseId(), request.sourceBackendId(), copied));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("backend_id", backendId);
        out.put("name", name);
        out.put("seq", copied.size());
        out.put("lease_id", request.leaseId());
        out.put("source_backend_id", request.sourceBackendId());
        return out;
    }

    /** One operation; answers its sequence number, the vertex id an add-vertex was given, and the event. */
    public Map<String, Object> apply(Caller caller, String backendId, BackendOperation operation) {
        BackendCommandAnswered answer = log.submit(new ApplyOperations(Ids.next("rq"), backendId, caller.workspaceId(),
                caller.actor(), caller.surface(), List.of(operation), false));
        OperationRecorded event = (OperationRecorded) answer.events().get(0);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("backend_id", backendId);
        out.put("seq", event.seq());
        if (event.operation() instanceof dev.ppl.contracts.backend.AddVertex added) {
            out.put("vertex_id", added.vertexId());
        }
        out.put("event", Events.CODEC.toTree(event));
        return out;
    }

    /** A batch, all or nothing; a dry run answers the graph it would give and records nothing. */
    public Map<String, Object> patch(Caller caller, String backendId, List<BackendOperation> operations, boolean dryRun) {
        if (operations.isEmpty()) {
            throw new InvalidInputException("operations", "a non-empty list of operations");
        }
        BackendCommandAnswered answer = log.submitProjected(new ApplyOperations(Ids.next("rq"), backendId,
                caller.workspaceId(), caller.actor(), caller.surface(), operations, dryRun));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("backend_id", backendId);
        out.put("dry_run", dryRun);
        out.put("applied", dryRun ? 0 : answer.lastSeq() - answer.firstSeq() + 1);
        if (!dryRun) {
            out.put("first_seq", answer.firstSeq());
            out.put("last_seq", answer.lastSeq());
        }
        GraphDocument graph = dryRun ? treeToDocument(answer.graph()) : document(caller.workspaceId(), backendId, null);
        out.put("graph", view(graph));
        return out;
    }

    public Map<String, Object> undo(Caller caller, String backendId, int count) {
        BackendCommandAnswered answer = log.submitProjected(new UndoOperations(Ids.next("rq"), backendId, caller.workspaceId(),
                caller.actor(), caller.surface(), count));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("backend_id", backendId);
        out.put("undone", count);
        out.put("first_seq", answer.firstSeq());
        out.put("last_seq", answer.lastSeq());
        return out;
    }

    public Map<String, Object> compact(Caller caller, String backendId) {
        log.awaitReadable(backendId);
        long before = store.operations(document(caller.workspaceId(), backendId, null).backendId(), 0, 0).total();
        BackendCommandAnswered answer = log.submitProjected(new CompactLog(Ids.next("rq"), backendId, caller.workspaceId(),
                caller.actor(), caller.surface()));
        LogCompacted compacted = (LogCompacted) answer.events().get(0);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("backend_id", backendId);
        out.put("seq", compacted.seq());
        out.put("operations_before", before);
        out.put("operations_after", compacted.operations().size());
        return out;
    }

    public void delete(Caller caller, String backendId) {
        log.submitProjected(new DeleteBackend(Ids.next("rq"), backendId, caller.workspaceId(), caller.actor(),
                caller.surface(), "client"));
    }

    /** Takes one backend ({@code backendId}) or all of a lease's (null) out of the lease, so its close keeps them. */
    public void keepLeaseBackends(String leaseId, String backendId) {
        store.keep(leaseId, backendId);
    }

    /** Deletes the live backends a lease owns; answers what it deleted (nothing when asked again). */
    public List<OwnedResource> deleteLeaseBackends(String leaseId) {
        List<OwnedResource> deleted = new ArrayList<>();
        for (String[] owned : store.ownedBy(leaseId)) {
            try {
                log.submitProjected(new DeleteBackend(Ids.next("rq"), owned[1], owned[0], "operations-service", "lease",
                        "lease_rolled_back"));
            } catch (ProblemException e) {
                if (e.status() != 404) {
                    throw e;
                }
                // Deleted meanwhile by its client: nothing left to do for this lease.
            }
            deleted.add(new OwnedResource("backend", owned[1]));
        }
        return deleted;
    }

    /** The graph now, or as of a sequence number (a replay of the log up to it). */
    public JsonNode graph(String workspaceId, String backendId, Long atSeq) {
        log.awaitReadable(backendId);
        GraphDocument now = document(workspaceId, backendId, null);
        if (atSeq == null || atSeq >= now.seq()) {
            return view(now);
        }
        if (atSeq < now.baseSeq()) {
            throw new ProblemException(410, "Gone", "backend " + backendId + " was compacted at seq " + now.baseSeq()
                    + "; the graph before it is no longer in the log", "at_seq", "a sequence number from " + now.baseSeq());
        }
        if (atSeq < 0) {
            throw new InvalidInputException("at_seq", "a sequence number from " + now.baseSeq());
        }
        return view(replay(now, atSeq));
    }

    /** The graph as the replay of the projected log up to {@code seq}. */
    private GraphDocument replay(GraphDocument now, long seq) {
        // Since a compaction the projected log starts at the compaction, not at backend.created, so the
        // backend's own fields (which no later event changes) are taken from the graph as it is now, and the fold
        // starts just before the compaction.
        long before = now.baseSeq() > 0 ? now.baseSeq() - 1 : -1;
        BackendState state = BackendState.of(new GraphDocument(now.backendId(), now.workspaceId(), now.name(), now.leaseId(),
                now.sourceBackendId(), before, 0, 0, false, now.createdAt(), List.of(), List.of()));
        store.eventsUpTo(now.backendId(), seq).forEach(state::apply);
        return state.document();
    }

    public Map<String, Object> operations(String workspaceId, String backendId, int offset, int limit) {
        if (offset < 0) {
            throw new InvalidInputException("offset", "a number >= 0");
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidInputException("limit", "a number from 1 to " + MAX_PAGE);
        }
        log.awaitReadable(backendId);
        document(workspaceId, backendId, null);
        ProjectionStore.Page page = store.operations(backendId, offset, limit);
        List<JsonNode> items = page.items().stream().map(BackendService::tree).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", page.total());
        out.put("offset", offset);
        out.put("limit", limit);
        out.put("items", items);
        return out;
    }

    private GraphDocument document(String workspaceId, String backendId, String field) {
        return store.load(workspaceId, backendId).orElseThrow(() -> field == null
                ? new ResourceNotFoundException("backend", backendId)
                : new InvalidInputException(field, "the id of a backend in this workspace",
                        "backend '" + backendId + "' does not exist in this workspace"));
    }

    /** The graph with each vertex's component, as deploy-service and clients read it. */
    private JsonNode view(GraphDocument doc) {
        ObjectNode tree = JsonCodec.mapper().valueToTree(doc);
        tree.remove("workspace_id");
        tree.remove("deleted");
        tree.remove("created_at");
        var vertices = tree.putArray("vertices");
        for (VertexSnapshot v : doc.vertices()) {
            ObjectNode vertex = JsonCodec.mapper().valueToTree(v);
            versions.find(doc.workspaceId(), v.versionId()).ifPresent((VersionView version) -> {
                vertex.put("component_name", version.name());
                vertex.put("harness", version.harness());
                vertex.set("descriptor", JsonCodec.mapper().valueToTree(version.descriptor()));
            });
            vertices.add(vertex);
        }
        return tree;
    }

    private static GraphDocument treeToDocument(JsonNode graph) {
        return JsonCodec.mapper().convertValue(graph, GraphDocument.class);
    }

    private static JsonNode tree(String json) {
        try {
            return JsonCodec.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
