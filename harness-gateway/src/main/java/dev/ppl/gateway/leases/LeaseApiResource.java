package dev.ppl.gateway.leases;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.gateway.auth.BearerAuthFilter;
import dev.ppl.gateway.auth.Caller;
import dev.ppl.gateway.infra.Paths;
import dev.ppl.gateway.infra.Services;
import dev.ppl.service.http.InternalClient;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;

@Path("/v1/leases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
public class LeaseApiResource {
    private final InternalClient leases;

    public LeaseApiResource(Services services) {
        this.leases = services.leases();
    }

    @POST
    public Response open(RoutingContext rc, JsonNode body) {
        Caller c = BearerAuthFilter.caller(rc);
        JsonNode lease = leases.post(c.workspaceId(), c.actor(), c.surface(), "/internal/leases",
                body == null ? Map.of() : body);
        return Response.status(201).entity(Map.of("data", lease)).build();
    }

    @GET
    public JsonNode list(RoutingContext rc, @QueryParam("label") String label, @QueryParam("state") String state) {
        Caller c = BearerAuthFilter.caller(rc);
        return leases.get(c.workspaceId(), c.actor(), c.surface(),
                "/internal/leases" + Paths.query("label", label, "state", state));
    }

    @GET
    @Path("/{id}")
    public Map<String, Object> get(RoutingContext rc, @PathParam("id") String id) {
        Caller c = BearerAuthFilter.caller(rc);
        return Map.of("data",
                leases.get(c.workspaceId(), c.actor(), c.surface(), "/internal/leases/" + InternalClient.segment(id)));
    }

    @POST
    @Path("/{id}/rollback")
    public Map<String, Object> rollback(RoutingContext rc, @PathParam("id") String id) {
        Caller c = BearerAuthFilter.caller(rc);
        return Map.of("data", leases.post(c.workspaceId(), c.actor(), c.surface(),
                "/internal/leases/" + InternalClient.segment(id) + "/rollback", Map.of()));
    }

    @POST
    @Path("/{id}/commit")
    public Map<String, Object> commit(RoutingContext rc, @PathParam("id") String id) {
        Caller c = BearerAuthFilter.caller(rc);
        return Map.of("data", leases.post(c.workspaceId(), c.actor(), c.surface(),
                "/internal/leases/" + InternalClient.segment(id) + "/commit", Map.of()));
    }
}
