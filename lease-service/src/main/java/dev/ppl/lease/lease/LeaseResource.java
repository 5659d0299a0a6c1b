package dev.ppl.lease.lease;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.ppl.service.web.Workspace;
import io.smallrye.common.annotation.Blocking;

@Path("/internal/leases")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class LeaseResource {
    private final LeaseService leases;

    public LeaseResource(LeaseService leases) {
        this.leases = leases;
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
            @QueryParam("state") String state) {
        List<LeaseView> found = leases.list(Workspace.require(workspace), label, state);
        return Map.of("count", found.size(), "items", found);
    }

    @GET
    @Path("/{id}")
    public LeaseView get(@HeaderParam(Workspace.HEADER) String workspace, @PathParam("id") String id) {
        return leases.get(Workspace.require(workspace), id);
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
}
