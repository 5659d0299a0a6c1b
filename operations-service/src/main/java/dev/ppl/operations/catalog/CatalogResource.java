package dev.ppl.operations.catalog;

import java.util.List;

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

import com.fasterxml.jackson.databind.JsonNode;

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
    public Response publish(@HeaderParam(Workspace.HEADER) String workspace, JsonNode body) {
        String workspaceId = Workspace.require(workspace);
        // Bound here rather than by the framework, so that a refusal names the element that was wrong.
        PublishRequest request = PublishRequestReader.read(body);
        return Response.status(201).entity(catalog.publish(workspaceId, request)).build();
    }

    /** The lean list: at most {@code ppl.operations.component-page-size} records a page; {@code query} searches all. */
    @GET
    @Path("/components")
    public ComponentPage list(@HeaderParam(Workspace.HEADER) String workspace, @QueryParam("query") String query,
            @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        String workspaceId = Workspace.require(workspace);
        return catalog.list(workspaceId, query, nonNegative("offset", offset, 0),
                nonNegative("limit", limit, catalog.pageSize()));
    }

    /** Newest first, a page at a time: every CI run may publish a prerelease, so a component can have thousands. */
    @GET
    @Path("/components/{id}/versions")
    public List<VersionView> versions(@HeaderParam(Workspace.HEADER) String workspace, @PathParam("id") String id,
            @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return catalog.versions(Workspace.require(workspace), id, nonNegative("offset", offset, 0),
                nonNegative("limit", limit, CatalogService.DEFAULT_VERSIONS_PAGE));
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

    private static int nonNegative(String name, String value, int absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidInputException(name, "a whole number, 0 or more",
                name + ": '" + value + "' is not a whole number, 0 or more");
    }
}
