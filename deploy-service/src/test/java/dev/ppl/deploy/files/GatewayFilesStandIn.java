package dev.ppl.deploy.files;

import java.time.Instant;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.ppl.service.files.SignedFileUrls;

/**
 * Stands in for the gateway's signed {@code /files/{id}/content} inside the test application, which the
 * local runtime is pointed at ({@code OwnPortAsStandIns}): it checks the signature with the key the
 * deploy-service signs with, as the gateway does, and answers {@code content of <id>}; a file id containing
 * {@code missing} is not there.
 */
@Path("/files/{id}/content")
public class GatewayFilesStandIn {
    @ConfigProperty(name = "ppl.deploy.file-signing-key")
    String key;

    @GET
    public Response content(@PathParam("id") String id, @QueryParam("workspace") String workspace,
            @QueryParam("expires") long expires, @QueryParam("signature") String signature) {
        if (!new SignedFileUrls(key).valid(workspace, id, expires, signature, Instant.now())) {
            return Response.status(403).build();
        }
        if (id.contains("missing")) {
            return Response.status(404).build();
        }
        return Response.ok("content of " + id, "application/octet-stream").build();
    }
}
