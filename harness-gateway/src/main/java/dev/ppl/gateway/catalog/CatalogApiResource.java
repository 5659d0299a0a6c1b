package dev.ppl.gateway.catalog;

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
import dev.ppl.gateway.backends.QueryParams;
import dev.ppl.gateway.infra.Paths;
import dev.ppl.gateway.infra.Services;
import dev.ppl.gateway.leases.OpenLeases;
import dev.ppl.service.http.InternalClient;
import dev.ppl.service.web.InvalidInputException;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;

@Path("/v1/components")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
public class CatalogApiResource {
    private final InternalClient operations;
    private final OpenLeases openLeases;

    public CatalogApiResource(Services services, OpenLeases openLeases) {
        this.openLeases = openLeases;
        this.operations = services.operations();
    }

    @POST
    @Path("/versions")
    public Response publish(RoutingContext rc, JsonNode body) {
        Caller c = BearerAuthFilter.caller(rc);
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("body", "{descriptor, prerelease, lease_id?}");
        }
        if (body.hasNonNull("lease_id")) {
            openLeases.requireOpen(c, body.get("lease_id").asText());
        }
        JsonNode version = operations.post(c.workspaceId(), c.actor(), c.surface(), "/internal/components/versions", body);
        return Response.status(201).entity(Map.of("data", version)).build();
    }

    /**
     * The lean list {@code {count, items: [{component_id, name, harness, latest_version_id}]}}: at most 20
     * items a page, {@code count} the total; {@code query} searches every component, past the first page.
     */
    @GET
    public JsonNode list(RoutingContext rc, @QueryParam("query") String query, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit) {
        Caller c = BearerAuthFilter.caller(rc);
        return operations.get(c.workspaceId(), c.actor(), c.surface(), "/internal/components" + Paths.query("query", query,
                "offset", QueryParams.nonNegative("offset", offset), "limit", QueryParams.nonNegative("limit", limit)));
    }

    /** A bare JSON array, as the reference page says. */
    @GET
    @Path("/{id}/versions")
    public JsonNode versions(RoutingContext rc, @PathParam("id") String id, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit) {
        Caller c = BearerAuthFilter.caller(rc);
        return operations.get(c.workspaceId(), c.actor(), c.surface(),
                "/internal/components/" + InternalClient.segment(id) + "/versions" + Paths.query("offset",
                        QueryParams.nonNegative("offset", offset), "limit", QueryParams.nonNegative("limit", limit)));
    }
}
