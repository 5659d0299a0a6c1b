package dev.ppl.gateway.leases;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.gateway.auth.BearerAuthFilter;
import dev.ppl.gateway.auth.Caller;
import dev.ppl.gateway.auth.Workspaces;
import dev.ppl.gateway.backends.QueryParams;
import dev.ppl.gateway.infra.Paths;
import dev.ppl.gateway.infra.Services;
import dev.ppl.gateway.limits.StreamSlots;
import dev.ppl.service.http.InternalClient;
import dev.ppl.service.web.InvalidInputException;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;

/**
 * The public lease routes, one for one onto the lease-service's: single leases come back as {@code {data}},
 * lists and bulk answers as the lease-service gives them. Everything about the lease (states, filters,
 * durations, {@code until}) is the lease-service's to validate; its refusals pass through unchanged.
 */
@Path("/v1/leases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
public class LeaseApiResource {
    private final InternalClient leases;
    private final OutputCollector outputs;
    private final StreamSlots slots;

    public LeaseApiResource(Services services, OutputCollector outputs, StreamSlots slots) {
        this.leases = services.leases();
        this.outputs = outputs;
        this.slots = slots;
    }

    @POST
    public Response open(RoutingContext rc, JsonNode body) {
        Caller c = BearerAuthFilter.caller(rc);
        JsonNode lease = leases.post(c.workspaceId(), c.actor(), c.surface(), "/internal/leases",
                body == null ? Map.of() : body);
        return Response.status(201).entity(Map.of("data", lease)).build();
    }

    @GET
    public JsonNode list(RoutingContext rc, @QueryParam("label") String label, @QueryParam("state") String state,
            @QueryParam("runtime") String runtime, @QueryParam("failed") String failed, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit) {
        Caller c = BearerAuthFilter.caller(rc);
        return leases.get(c.workspaceId(), c.actor(), c.surface(), "/internal/leases"
                + Paths.query("label", label, "state", state, "runtime", runtime, "failed", failed, "offset",
                        QueryParams.nonNegative("offset", offset), "limit", QueryParams.nonNegative("limit", limit)));
    }

    @GET
    @Path("/{id}")
    public Map<String, Object> get(RoutingContext rc, @PathParam("id") String id) {
        Caller c = BearerAuthFilter.caller(rc);
        return Map.of("data", leases.get(c.workspaceId(), c.actor(), c.surface(), lease(id)));
    }

    /** Only a closed lease can be deleted; the lease-service says 409 otherwise. */
    @DELETE
    @Path("/{id}")
    public Response delete(RoutingContext rc, @PathParam("id") String id) {
        Caller c = BearerAuthFilter.caller(rc);
        leases.delete(c.workspaceId(), c.actor(), c.surface(), lease(id));
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/promote")
    public Map<String, Object> promote(RoutingContext rc, @PathParam("id") String id, JsonNode body) {
        Caller c = BearerAuthFilter.caller(rc);
        return Map.of("data", leases.post(c.workspaceId(), c.actor(), c.surface(), lease(id) + "/promote",
                object(body, "{kind, id}")));
    }

    @POST
    @Path("/{id}/rollback")
    public Map<String, Object> rollback(RoutingContext rc, @PathParam("id") String id) {
        Caller c = BearerAuthFilter.caller(rc);
        return Map.of("data", leases.post(c.workspaceId(), c.actor(), c.surface(), lease(id) + "/rollback", Map.of()));
    }

    @POST
    @Path("/{id}/commit")
    public Map<String, Object> commit(RoutingContext rc, @PathParam("id") String id) {
        Caller c = BearerAuthFilter.caller(rc);
        return Map.of("data", leases.post(c.workspaceId(), c.actor(), c.surface(), lease(id) + "/commit", Map.of()));
    }

    /** {@code {dry_run, count, items}} as the lease-service answers it; an empty filter is its to refuse. */
    @POST
    @Path("/rollback-bulk")
    public JsonNode rollbackBulk(RoutingContext rc, JsonNode body) {
        Caller c = BearerAuthFilter.caller(rc);
        return leases.post(c.workspaceId(), c.actor(), c.surface(), "/internal/leases/rollback-bulk",
                object(body, "{older_than?, failed?, runtime?, label_prefix?, dry_run?}"));
    }

    @POST
    @Path("/delete-bulk")
    public JsonNode deleteBulk(RoutingContext rc, JsonNode body) {
        Caller c = BearerAuthFilter.caller(rc);
        return leases.post(c.workspaceId(), c.actor(), c.surface(), "/internal/leases/delete-bulk",
                object(body, "{closed_before?, older_than?, status?, dry_run?}"));
    }

    @POST
    @Path("/{id}/collect-outputs")
    public Map<String, Object> collectOutputs(RoutingContext rc, @PathParam("id") String id) {
        return Map.of("data", outputs.collect(BearerAuthFilter.caller(rc), id));
    }

    @GET
    @Path("/{id}/debug")
    public Map<String, Object> debug(RoutingContext rc, @PathParam("id") String id) {
        Caller c = BearerAuthFilter.caller(rc);
        return Map.of("data", leases.get(c.workspaceId(), c.actor(), c.surface(), lease(id) + "/debug"));
    }

    @PUT
    @Path("/{id}/result")
    public Map<String, Object> result(RoutingContext rc, @PathParam("id") String id, JsonNode body) {
        Caller c = BearerAuthFilter.caller(rc);
        JsonNode result = object(body, "{status, result}");
        return Map.of("data", DirectCalls.put(leases, c, lease(id) + "/result", result));
    }

    /** The lease-service's wait events as server-sent events, one {@code data:} line each, until its final event. */
    @GET
    @Path("/{id}/wait")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Response await(RoutingContext rc, @PathParam("id") String id, @QueryParam("until") String until,
            @QueryParam("max_crashes") String maxCrashes, @QueryParam("timeout") String timeout) {
        Caller c = BearerAuthFilter.caller(rc);
        String path = lease(id) + "/wait" + Paths.query("until", until, "max_crashes", maxCrashes, "timeout", timeout);
        // One of the token's open streams until the last event is written; a 429 once it holds its most.
        StreamSlots.Slot slot = slots.acquire(Workspaces.bearer(rc.request().getHeader("Authorization")));
        StreamingOutput events;
        try {
            events = DirectCalls.waitEvents(leases, c, path);
        } catch (RuntimeException e) {
            slot.close();
            throw e;
        }
        StreamingOutput held = out -> {
            try (slot) {
                events.write(out);
            }
        };
        return Response.ok(held, MediaType.SERVER_SENT_EVENTS).header("Cache-Control", "no-cache").build();
    }

    private static String lease(String id) {
        return "/internal/leases/" + InternalClient.segment(id);
    }

    /** An absent body is an empty object (the lease-service names what is missing); anything but an object is refused. */
    private static JsonNode object(JsonNode body, String expected) {
        if (body == null || body.isNull()) {
            return JsonCodec.mapper().createObjectNode();
        }
        if (!body.isObject()) {
            throw new InvalidInputException("body", expected);
        }
        return body;
    }
}
