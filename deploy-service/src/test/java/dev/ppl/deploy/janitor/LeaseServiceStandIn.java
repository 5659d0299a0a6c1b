package dev.ppl.deploy.janitor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.ppl.service.web.Workspace;

/**
 * Stands in for the lease-service's {@code GET /internal/leases/{id}} inside the test application, which
 * the janitor is pointed at ({@code OwnPortAsStandIns}). A lease the test has not set is open, so the
 * deployments of the other tests are left alone; a forgotten one answers 404.
 */
@Path("/internal/leases")
@Produces(MediaType.APPLICATION_JSON)
public class LeaseServiceStandIn {
    private static final Map<String, Map<String, String>> LEASES = new ConcurrentHashMap<>();
    private static final Map<String, String> ASKED_WITH = new ConcurrentHashMap<>();

    static void set(String leaseId, String state, String cleanupPolicy) {
        LEASES.put(leaseId, Map.of("lease_id", leaseId, "state", state, "cleanup_policy", cleanupPolicy));
    }

    static void forget(String leaseId) {
        LEASES.put(leaseId, Map.of());
    }

    /** The workspace header the janitor last asked about the lease with. */
    static String askedWith(String leaseId) {
        return ASKED_WITH.get(leaseId);
    }

    @GET
    @Path("/{id}")
    public Response get(@HeaderParam(Workspace.HEADER) String workspace, @PathParam("id") String id) {
        ASKED_WITH.put(id, String.valueOf(workspace));
        Map<String, String> lease = LEASES.getOrDefault(id,
                Map.of("lease_id", id, "state", "open", "cleanup_policy", "delete_ephemeral_resources"));
        if (lease.isEmpty()) {
            return Response.status(404).type("application/problem+json").entity(Map.of("type", "about:blank", "title",
                    "Not found", "status", 404, "detail", "lease '" + id + "' does not exist")).build();
        }
        return Response.ok(lease).build();
    }
}
