package dev.ppl.gateway.files;

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

import dev.ppl.gateway.auth.BearerAuthFilter;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;

@Path("/v1/files")
@Blocking
public class FileApiResource {
    private final FileService files;

    public FileApiResource(FileService files) {
        this.files = files;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(RoutingContext rc, @QueryParam("name") String name, @QueryParam("lease_id") String leaseId,
            @HeaderParam("Content-Type") String mediaType, byte[] content) {
        FileView stored = files.store(BearerAuthFilter.caller(rc).workspaceId(), name, mediaType, leaseId, content);
        return Response.status(201).entity(Map.of("data", stored)).build();
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> get(RoutingContext rc, @PathParam("id") String id) {
        return Map.of("data", FileView.of(files.get(BearerAuthFilter.caller(rc).workspaceId(), id)));
    }

    @GET
    @Path("/{id}/content")
    public Response content(RoutingContext rc, @PathParam("id") String id) {
        FileEntity file = files.get(BearerAuthFilter.caller(rc).workspaceId(), id);
        return Response.ok(file.content, file.mediaType).build();
    }
}
