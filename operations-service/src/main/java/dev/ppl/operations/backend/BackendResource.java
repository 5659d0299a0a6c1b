package dev.ppl.operations.backend;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.Events;
import dev.ppl.contracts.backend.BackendOperation;
import dev.ppl.contracts.codec.Message;
import dev.ppl.operations.infra.Caller;
import dev.ppl.service.web.InvalidInputException;
import dev.ppl.service.web.Workspace;
import io.smallrye.common.annotation.Blocking;

@Path("/internal/backends")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
public class BackendResource {
    private final BackendService backends;

    public BackendResource(BackendService backends) {
        this.backends = backends;
    }

    @POST
    public Response create(@HeaderParam(Workspace.HEADER) String workspace, @HeaderParam(Workspace.ACTOR_HEADER) String actor,
            @HeaderParam(Workspace.SURFACE_HEADER) String surface, CreateBackendRequest request) {
        Caller caller = new Caller(workspace, actor, surface);
        if (request == null) {
            throw new InvalidInputException("body", "{name, lease_id?, source_backend_id?}");
        }
        return Response.status(201).entity(backends.create(caller, request)).build();
    }

    @GET
    @Path("/{id}")
    public JsonNode get(@HeaderParam(Workspace.HEADER) String workspace, @PathParam("id") String id,
            @QueryParam("at_seq") Long atSeq) {
        return backends.graph(Workspace.require(workspace), id, atSeq);
    }

    @POST
    @Path("/{id}/operations")
    public Map<String, Object> apply(@HeaderParam(Workspace.HEADER) String workspace,
            @HeaderParam(Workspace.ACTOR_HEADER) String actor, @HeaderParam(Workspace.SURFACE_HEADER) String surface,
            @PathParam("id") String id, JsonNode body) {
        Caller caller = new Caller(workspace, actor, surface);
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("body", "an operation object with a type such as add-vertex");
        }
        Message decoded = Events.CODEC.decode(body);
        if (!(decoded instanceof BackendOperation operation)) {
            throw new InvalidInputException("type", "an operation of the vocabulary such as add-vertex",
                    "'" + body.path("type").asText() + "' is not a backend operation");
        }
        return backends.apply(caller, id, operation);
    }

    @POST
    @Path("/{id}/patch")
    public Map<String, Object> patch(@HeaderParam(Workspace.HEADER) String workspace,
            @HeaderParam(Workspace.ACTOR_HEADER) String actor, @HeaderParam(Workspace.SURFACE_HEADER) String surface,
            @PathParam("id") String id, PatchRequest request) {
        Caller caller = new Caller(workspace, actor, surface);
        if (request == null) {
            throw new InvalidInputException("body", "{operations: [...], dry_run?}");
        }
        return backends.patch(caller, id, request.operations(), request.dryRun());
    }

    @POST
    @Path("/{id}/undo")
    public Map<String, Object> undo(@HeaderParam(Workspace.HEADER) String workspace,
            @HeaderParam(Workspace.ACTOR_HEADER) String actor, @HeaderParam(Workspace.SURFACE_HEADER) String surface,
            @PathParam("id") String id, UndoRequest request) {
        Caller caller = new Caller(workspace, actor, surface);
        if (request == null) {
            throw new InvalidInputException("body", "{count}");
        }
        return backends.undo(caller, id, request.count());
    }

    @POST
    @Path("/{id}/compact")
    @Consumes(MediaType.WILDCARD)
    public Map<String, Object> compact(@HeaderParam(Workspace.HEADER) String workspace,
            @HeaderParam(Workspace.ACTOR_HEADER) String actor, @HeaderParam(Workspace.SURFACE_HEADER) String surface,
            @PathParam("id") String id) {
        return backends.compact(new Caller(workspace, actor, surface), id);
    }

    @GET
    @Path("/{id}/operations")
    public Map<String, Object> operations(@HeaderParam(Workspace.HEADER) String workspace, @PathParam("id") String id,
            @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") @DefaultValue("100") int limit) {
        return backends.operations(Workspace.require(workspace), id, offset, limit);
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@HeaderParam(Workspace.HEADER) String workspace, @HeaderParam(Workspace.ACTOR_HEADER) String actor,
            @HeaderParam(Workspace.SURFACE_HEADER) String surface, @PathParam("id") String id) {
        backends.delete(new Caller(workspace, actor, surface), id);
        return Response.noContent().build();
    }

}
