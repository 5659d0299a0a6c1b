package dev.ppl.gateway.backends;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.gateway.GatewayConfig;
import dev.ppl.gateway.auth.BearerAuthFilter;
import dev.ppl.gateway.auth.Caller;
import dev.ppl.gateway.deployments.BackendDeployments;
import dev.ppl.gateway.harness.EndpointTokens;
import dev.ppl.gateway.infra.Paths;
import dev.ppl.gateway.infra.Services;
import dev.ppl.gateway.leases.OpenLeases;
import dev.ppl.service.http.InternalClient;
import dev.ppl.service.web.InvalidInputException;
import dev.ppl.service.web.ResourceConflictException;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;

@Path("/v1/backends")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
public class BackendApiResource {
    private final Services services;
    private final EndpointTokens tokens;
    private final GatewayConfig config;
    private final OperationIntake intake;
    private final OpenLeases openLeases;
    private final BackendDeployments deployments;

    public BackendApiResource(Services services, EndpointTokens tokens, GatewayConfig config, OperationIntake intake,
            OpenLeases openLeases, BackendDeployments deployments) {
        this.openLeases = openLeases;
        this.deployments = deployments;
        this.services = services;
        this.tokens = tokens;
        this.config = config;
        this.intake = intake;
    }

    @POST
    public Response create(RoutingContext rc, JsonNode body) {
        Caller c = BearerAuthFilter.caller(rc);
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("body", "{name, lease_id?, source_backend_id?}");
        }
        if (body.hasNonNull("lease_id")) {
            openLeases.requireOpen(c, body.get("lease_id").asText());
        }
        JsonNode created = services.operations().post(c.workspaceId(), c.actor(), c.surface(), "/internal/backends", body);
        return Response.status(201).entity(Map.of("data", created)).build();
    }

    /** The graph now, or as it was at {@code at_seq} (410 when that is before the log's compacted base). */
    @GET
    @Path("/{id}")
    public Map<String, Object> get(RoutingContext rc, @PathParam("id") String id, @QueryParam("at_seq") String atSeq) {
        Caller c = BearerAuthFilter.caller(rc);
        return Map.of("data", services.operations().get(c.workspaceId(), c.actor(), c.surface(),
                backend(id) + Paths.query("at_seq", QueryParams.nonNegative("at_seq", atSeq))));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(RoutingContext rc, @PathParam("id") String id) {
        Caller c = BearerAuthFilter.caller(rc);
        services.operations().delete(c.workspaceId(), c.actor(), c.surface(), backend(id));
        return Response.noContent().build();
    }

    /** One operation of the vocabulary; see {@link OperationIntake} for what the gateway does to it first. */
    @POST
    @Path("/{id}/operations")
    public Map<String, Object> apply(RoutingContext rc, @PathParam("id") String id, JsonNode operation) {
        Caller c = BearerAuthFilter.caller(rc);
        JsonNode prepared = intake.prepare(c, operation, "");
        return Map.of("data", services.operations().post(c.workspaceId(), c.actor(), c.surface(),
                backend(id) + "/operations", prepared));
    }

    /** The operation log, oldest first: {@code {count, offset, limit, items}}, count being the total. */
    @GET
    @Path("/{id}/operations")
    public JsonNode operations(RoutingContext rc, @PathParam("id") String id, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit) {
        Caller c = BearerAuthFilter.caller(rc);
        return services.operations().get(c.workspaceId(), c.actor(), c.surface(), backend(id) + "/operations"
                + Paths.query("offset", QueryParams.nonNegative("offset", offset), "limit",
                        QueryParams.nonNegative("limit", limit)));
    }

    /** A batch that lands together or not at all; {@code dry_run} previews it. */
    @POST
    @Path("/{id}/patch")
    public Map<String, Object> patch(RoutingContext rc, @PathParam("id") String id, JsonNode body) {
        Caller c = BearerAuthFilter.caller(rc);
        JsonNode prepared = intake.preparePatch(c, body);
        return Map.of("data", services.operations().post(c.workspaceId(), c.actor(), c.surface(),
                backend(id) + "/patch", prepared));
    }

    @POST
    @Path("/{id}/undo")
    public Map<String, Object> undo(RoutingContext rc, @PathParam("id") String id, JsonNode body) {
        Caller c = BearerAuthFilter.caller(rc);
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("body", "{count}");
        }
        return Map.of("data", services.operations().post(c.workspaceId(), c.actor(), c.surface(),
                backend(id) + "/undo", body));
    }

    /** Takes no body (any body is ignored). */
    @POST
    @Path("/{id}/compact")
    @Consumes(MediaType.WILDCARD)
    public Map<String, Object> compact(RoutingContext rc, @PathParam("id") String id) {
        Caller c = BearerAuthFilter.caller(rc);
        return Map.of("data", services.operations().post(c.workspaceId(), c.actor(), c.surface(),
                backend(id) + "/compact", Map.of()));
    }

    private static String backend(String id) {
        return "/internal/backends/" + InternalClient.segment(id);
    }

    @POST
    @Path("/{id}/deploy")
    public Response deploy(RoutingContext rc, @PathParam("id") String id, JsonNode body) {
        return Response.status(201).entity(Map.of("data", deployments.deploy(BearerAuthFilter.caller(rc), id, body)))
                .build();
    }

    @DELETE
    @Path("/{id}/deploy")
    public Map<String, Object> undeploy(RoutingContext rc, @PathParam("id") String id) {
        return Map.of("data", deployments.undeploy(BearerAuthFilter.caller(rc), id));
    }

    /** The harness endpoints of the backend's running deployment, each with a fresh endpoint token. */
    @GET
    @Path("/{id}/forward")
    public Map<String, Object> forward(RoutingContext rc, @PathParam("id") String id) {
        Caller c = BearerAuthFilter.caller(rc);
        JsonNode graph = services.operations().get(c.workspaceId(), c.actor(), c.surface(), backend(id));
        JsonNode deployments = services.deploy().get(c.workspaceId(), c.actor(), c.surface(),
                "/internal/deployments" + Paths.query("backend_id", id));
        if (deployments.path("count").asInt() == 0) {
            throw new ResourceConflictException("backend " + id + " is not deployed", "backend_id");
        }
        JsonNode deployment = deployments.path("items").path(0);
        String deploymentId = deployment.path("deployment_id").asText();
        Map<String, String> endpointNames = new LinkedHashMap<>();
        for (JsonNode vertex : graph.path("vertices")) {
            endpointNames.put(vertex.path("vertex_id").asText(),
                    vertex.path("descriptor").path("endpoints").path(0).path("name").asText(null));
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (JsonNode vertex : deployment.path("vertices")) {
            String harness = vertex.path("harness").asText(null);
            if (harness == null) {
                continue;
            }
            String vertexId = vertex.path("vertex_id").asText();
            String direction = harness.equals("input") ? "in" : "out";
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("endpoint_name", endpointNames.getOrDefault(vertexId, harness));
            row.put("vertex_id", vertexId);
            row.put("url", config.publicUrl().replaceAll("/+$", "") + "/endpoints/" + direction + "/" + deploymentId + "/"
                    + vertexId);
            row.put("token", tokens.mint(c.workspaceId(), deploymentId, vertexId));
            items.add(row);
        }
        return Map.of("count", items.size(), "items", items);
    }
}
