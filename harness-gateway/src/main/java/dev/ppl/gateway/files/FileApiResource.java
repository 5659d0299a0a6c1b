package dev.ppl.gateway.files;

import java.io.InputStream;
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
import jakarta.ws.rs.core.StreamingOutput;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.gateway.GatewayConfig;
import dev.ppl.gateway.auth.BearerAuthFilter;
import dev.ppl.gateway.limits.BodyLimits;
import dev.ppl.gateway.limits.BoundedInputStream;
import dev.ppl.service.web.ResourceConflictException;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;

@Path("/v1/files")
@Blocking
public class FileApiResource {
    private final FileService files;
    private final FileStore store;
    private final long uploadLimit;

    public FileApiResource(FileService files, FileStore store, GatewayConfig config) {
        this.files = files;
        this.store = store;
        this.uploadLimit = config.limits().uploadBody().asLongValue();
    }

    /** The body streams into storage as it arrives, refused with 413 the moment it passes the upload limit. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(RoutingContext rc, @QueryParam("name") String name, @QueryParam("lease_id") String leaseId,
            @HeaderParam("Content-Type") String mediaType, InputStream content) {
        FileView stored = files.store(BearerAuthFilter.caller(rc), name, mediaType, leaseId,
                new BoundedInputStream(content == null ? InputStream.nullInputStream() : content, uploadLimit,
                        BodyLimits.RouteClass.UPLOAD.setting));
        return Response.status(201).entity(Map.of("data", stored)).build();
    }

    /** A file that references content stored elsewhere instead of holding its bytes. */
    @POST
    @Path("/links")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response link(RoutingContext rc, JsonNode body) {
        FileView linked = files.link(BearerAuthFilter.caller(rc), body);
        return Response.status(201).entity(Map.of("data", linked)).build();
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> get(RoutingContext rc, @PathParam("id") String id) {
        return Map.of("data", FileView.of(files.get(BearerAuthFilter.caller(rc).workspaceId(), id)));
    }

    /**
     * The bytes of an upload. A link's are not here: 409 naming where they are, for every kind alike, because an
     * HTTP client cannot follow a redirect to an s3, gs or file URI.
     */
    @GET
    @Path("/{id}/content")
    public Response content(RoutingContext rc, @PathParam("id") String id) {
        FileEntity file = files.get(BearerAuthFilter.caller(rc).workspaceId(), id);
        if (file.isLink()) {
            throw new ResourceConflictException(
                    "file " + file.id + " is a link to " + file.sourceUri + "; fetch it from there", "source_uri");
        }
        return Response.ok((StreamingOutput) out -> store.copy(file.id, out), file.mediaType).build();
    }
}
