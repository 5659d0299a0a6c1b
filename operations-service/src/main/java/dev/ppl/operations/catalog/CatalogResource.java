package dev.ppl.operations.catalog;

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

import dev.ppl.service.web.InvalidInputException;
import dev.ppl.service.web.Workspace;
import io.smallrye.common.annotation.Blocking;

@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
public class CatalogResource {
    private final CatalogService catalog;

    public CatalogResource(CatalogService catalog) {
        this.catalog = catalog;
    }

    @POST
    @Path("/components/versions")
    public Response publish(@HeaderParam(Workspace.HEADER) String workspace, PublishRequest request) {
        if (request == null) {
            throw new InvalidInputException("body", "{descriptor, prerelease, lease_id?}");
        }
        return Response.status(201).entity(catalog.publish(Workspace.require(workspace), request)).build();
    }

    @GET
    @Path("/components")
    public Map<String, Object> list(@HeaderParam(Workspace.HEADER) String workspace, @QueryParam("query") String query) {
        return catalog.list(Workspace.require(workspace), query);
    }

    @GET
    @Path("/components/{id}/versions")
    public List<VersionView> versions(@HeaderParam(Workspace.HEADER) String workspace, @PathParam("id") String id) {
        return catalog.versions(Workspace.require(workspace), id);
    }

    @GET
    @Path("/components/by-name/{name}/latest")
    public VersionView latest(@HeaderParam(Workspace.HEADER) String workspace, @PathParam("name") String name) {
        return catalog.latestByName(Workspace.require(workspace), name);
    }

    @GET
    @Path("/versions/{id}")
    public VersionView version(@HeaderParam(Workspace.HEADER) String workspace, @PathParam("id") String id) {
        return catalog.version(Workspace.require(workspace), id);
    }
}
