package dev.ppl.lease.lease;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.ppl.lease.LeaseConfig;
import dev.ppl.lease.debug.LeaseDebugService;
import dev.ppl.lease.outputs.LeaseOutputs;
import dev.ppl.lease.result.LeaseResultService;
import dev.ppl.lease.result.ResultRequest;
import dev.ppl.service.web.InvalidInputException;
import dev.ppl.service.web.Workspace;
import io.smallrye.common.annotation.Blocking;

@Path("/internal/leases")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class LeaseResource {
    private final LeaseService leases;
    private final LeaseDebugService debug;
    private final LeaseResultService results;
    private final LeaseOutputs outputs;
    private final LeaseConfig config;

    public LeaseResource(LeaseService leases, LeaseDebugService debug, LeaseResultService results, LeaseOutputs outputs,
            LeaseConfig config) {
        this.config = config;
        this.outputs = outputs;
        this.leases = leases;
        this.debug = debug;
        this.results = results;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response open(@HeaderParam(Workspace.HEADER) String workspace, OpenLeaseRequest request) {
        String workspaceId = Workspace.require(workspace);
        LeaseView opened = leases.open(workspaceId, request == null ? OpenLeaseRequest.DEFAULTS : request);
        return Response.status(201).entity(opened).build();
    }

    @GET
    public Map<String, Object> list(@HeaderParam(Workspace.HEADER) String workspace, @QueryParam("label") String label,
            @QueryParam("state") String state, @QueryParam("runtime") String runtime,
            @QueryParam("failed") String failed, @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        LeaseService.Page page = leases.list(Workspace.require(workspace), label, state, runtime, flag(failed, "failed"),
                whole(offset, "offset", 0), whole(limit, "limit", config.defaultPageSize()));
        return Map.of("count", page.items().size(), "total", page.total(), "offset", page.offset(), "limit", page.limit(),
                "items", page.items());
    }

    private static int whole(String value, String name, int absent) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidInputException(name, "a whole number >= 0", name + ": expected a whole number >= 0, was '" + value
                + "'");
    }

    private static boolean flag(String value, String name) {
        if (value == null || value.isEmpty() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new InvalidInputException(name, "true or false", name + " must be true or false; was '" + value + "'");
    }

    @GET
    @Path("/{id}")
    public LeaseView get(@HeaderParam(Workspace.HEADER) String workspace, @PathParam("id") String id) {
        return leases.get(Workspace.require(workspace), id);
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@HeaderParam(Workspace.HEADER) String workspace, @PathParam("id") String id) {
        leases.delete(Workspace.require(workspace), id);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/promote")
    @Consumes(MediaType.APPLICATION_JSON)
    public LeaseView promote(@HeaderParam(Workspace.HEADER) String workspace, @PathParam("id") String id,
            PromoteRequest request) {
        return leases.promote(Workspace.require(workspace), id, request);
    }

    @POST
    @Path("/{id}/rollback")
    public LeaseView rollback(@HeaderParam(Workspace.HEADER) String workspace, @PathParam("id") String id) {
        return leases.rollback(Workspace.require(workspace), id, "client");
    }

    @POST
    @Path("/{id}/commit")
    public LeaseView commit(@HeaderParam(Workspace.HEADER) String workspace, @PathParam("id") String id) {
        return leases.commit(Workspace.require(workspace), id);
    }

    @POST
    @Path("/rollback-bulk")
    @Consumes(MediaType.APPLICATION_JSON)
    public BulkResult rollbackBulk(@HeaderParam(Workspace.HEADER) String workspace, BulkRollbackRequest request) {
        return leases.rollbackBulk(Workspace.require(workspace), request);
    }

    @POST
    @Path("/delete-bulk")
    @Consumes(MediaType.APPLICATION_JSON)
    public BulkResult deleteBulk(@HeaderParam(Workspace.HEADER) String workspace, BulkDeleteRequest request) {
        return leases.deleteBulk(Workspace.require(workspace), request);
    }

    @GET
    @Path("/{id}/debug")
    public Map<String, Object> debug(@HeaderParam(Workspace.HEADER) String workspace, @PathParam("id") String id) {
        return debug.bundle(Workspace.require(workspace), id);
    }

    @GET
    @Path("/{id}/outputs")
    public Map<String, Object> outputs(@HeaderParam(Workspace.HEADER) String workspace, @PathParam("id") String id) {
        leases.require(Workspace.require(workspace), id);
        List<Map<String, String>> items = outputs.of(id).stream().map(o -> Map.of("name", o.name, "vertex", o.vertex,
                "vertex_id", o.vertexId, "key", o.key, "deployment_id", o.deploymentId)).toList();
        return Map.of("count", items.size(), "items", items);
    }

    @PUT
    @Path("/{id}/result")
    @Consumes(MediaType.APPLICATION_JSON)
    public LeaseView setResult(@HeaderParam(Workspace.HEADER) String workspace, @PathParam("id") String id,
            ResultRequest request) {
        return results.set(Workspace.require(workspace), id, request);
    }
}
