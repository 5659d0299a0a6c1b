package dev.ppl.operations.backend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.Events;
import dev.ppl.contracts.backend.BackendOperation;
import dev.ppl.contracts.codec.JsonCodec;
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
            throw new InvalidInputException("body", "{name, lease_id?}");
        }
        return Response.status(201).entity(backends.create(caller, request)).build();
    }

    @GET
    @Path("/{id}")
    public Map<String, Object> get(@HeaderParam(Workspace.HEADER) String workspace, @PathParam("id") String id) {
        BackendGraph graph = backends.graph(Workspace.require(workspace), id);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("backend_id", graph.backendId());
        out.put("name", graph.name());
        out.put("seq", graph.seq());
        out.put("lease_id", graph.leaseId());
        List<Map<String, Object>> vertices = new ArrayList<>();
        for (BackendGraph.Vertex v : graph.vertices().values()) {
            Map<String, Object> vertex = new LinkedHashMap<>();
            vertex.put("vertex_id", v.vertexId());
            vertex.put("version_id", v.version().id());
            vertex.put("alias", v.alias());
            vertex.put("component_name", v.version().name());
            vertex.put("harness", v.version().harness());
            vertex.put("descriptor", v.version().descriptor());
            vertex.put("params", graph.params(v.vertexId()));
            vertices.add(vertex);
        }
        out.put("vertices", vertices);
        out.put("edges", graph.edges());
        return out;
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
            throw new InvalidInputException("type", "add-vertex, connect or change-parameter",
                    "'" + body.path("type").asText() + "' is not a backend operation");
        }
        return backends.apply(caller, id, operation);
    }

    @GET
    @Path("/{id}/operations")
    public Map<String, Object> operations(@HeaderParam(Workspace.HEADER) String workspace, @PathParam("id") String id) {
        List<JsonNode> items = backends.operations(Workspace.require(workspace), id).stream().map(BackendResource::tree)
                .toList();
        return Map.of("count", items.size(), "items", items);
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@HeaderParam(Workspace.HEADER) String workspace, @HeaderParam(Workspace.ACTOR_HEADER) String actor,
            @HeaderParam(Workspace.SURFACE_HEADER) String surface, @PathParam("id") String id) {
        backends.delete(new Caller(workspace, actor, surface), id);
        return Response.noContent().build();
    }

    private static JsonNode tree(String json) {
        try {
            return JsonCodec.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
