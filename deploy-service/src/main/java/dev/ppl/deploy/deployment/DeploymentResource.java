package dev.ppl.deploy.deployment;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.ppl.deploy.runtime.RuntimeRegistry;
import dev.ppl.service.web.Workspace;
import io.smallrye.common.annotation.Blocking;

@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
public class DeploymentResource {
    private final DeploymentService deployments;
    private final RuntimeRegistry runtimes;

    public DeploymentResource(DeploymentService deployments, RuntimeRegistry runtimes) {
        this.deployments = deployments;
        this.runtimes = runtimes;
    }

    @GET
    @Path("/runtimes")
    public List<RuntimeRegistry.RuntimeView> runtimes() {
        return runtimes.all();
    }

    @POST
    @Path("/deployments")
    public Response deploy(@HeaderParam(Workspace.HEADER) String workspace, DeployRequest request) {
        if (request == null) {
            throw new dev.ppl.service.web.InvalidInputException("body", "{backend_id, runtime, lease_id?, fixed_duration?}");
        }
        return Response.status(201).entity(deployments.deploy(Workspace.require(workspace), request)).build();
    }

    @GET
    @Path("/deployments/{id}")
    public DeploymentView get(@HeaderParam(Workspace.HEADER) String workspace, @PathParam("id") String id) {
        return deployments.view(Workspace.require(workspace), id);
    }

    @GET
    @Path("/deployments")
    public Map<String, Object> list(@HeaderParam(Workspace.HEADER) String workspace,
            @QueryParam("backend_id") String backendId, @QueryParam("lease_id") String leaseId) {
        List<DeploymentView> found = deployments.list(Workspace.require(workspace), backendId, leaseId);
        return Map.of("count", found.size(), "items", found);
    }

    @GET
    @Path("/deployments/{id}/outputs/{vertex}/{key: .+}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public java.nio.file.Path output(@HeaderParam(Workspace.HEADER) String workspace, @PathParam("id") String id,
            @PathParam("vertex") String vertex, @PathParam("key") String key) {
        return deployments.outputFile(Workspace.require(workspace), id, vertex, key);
    }

    @DELETE
    @Path("/deployments/{id}")
    public Response undeploy(@HeaderParam(Workspace.HEADER) String workspace, @PathParam("id") String id) {
        deployments.undeploy(Workspace.require(workspace), id, "client");
        return Response.noContent().build();
    }
}
