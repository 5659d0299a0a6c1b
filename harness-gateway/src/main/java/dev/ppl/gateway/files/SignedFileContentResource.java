package dev.ppl.gateway.files;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import dev.ppl.gateway.GatewayConfig;
import dev.ppl.service.files.SignedFileUrls;
import dev.ppl.service.web.InvalidInputException;
import dev.ppl.service.web.ProblemException;
import dev.ppl.service.web.ResourceConflictException;
import io.smallrye.common.annotation.Blocking;

/**
 * A file's content for a runtime that has a signed URL instead of a token ({@link SignedFileUrls}): the
 * deploy-service signs the files a deployment binds, and a pod's init container or the local runtime
 * fetches them here. Outside {@code /v1}, so no bearer token is asked for; the signature is the credential.
 */
@Path("/files/{id}/content")
@Blocking
public class SignedFileContentResource {
    private final FileService files;
    private final FileStore store;
    private final Optional<SignedFileUrls> urls;

    public SignedFileContentResource(FileService files, FileStore store, GatewayConfig config) {
        this.files = files;
        this.store = store;
        this.urls = config.fileSigningKey().filter(key -> !key.isBlank()).map(SignedFileUrls::new);
    }

    /**
     * The bytes of an upload; a link to an http or https URL redirects there; a link anywhere else is a 409,
     * as for {@code /v1/files/{id}/content}.
     */
    @GET
    public Response content(@PathParam("id") String id, @QueryParam("workspace") String workspace,
            @QueryParam("expires") String expires, @QueryParam("signature") String signature) {
        if (urls.isEmpty()) {
            throw new ProblemException(404, "Not Found", "signed file URLs are not enabled on this gateway "
                    + "(ppl.gateway.file-signing-key is not set)", "signature", null);
        }
        if (workspace == null || workspace.isBlank()) {
            throw new InvalidInputException("workspace", "the workspace the URL was signed for", "workspace: missing");
        }
        long expiresAt;
        try {
            expiresAt = Long.parseLong(expires == null ? "" : expires);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("expires", "the expiry in epoch seconds the URL was signed with",
                    "expires: got '" + expires + "'");
        }
        if (!urls.get().valid(workspace, id, expiresAt, signature, Instant.now())) {
            throw new ProblemException(403, "Forbidden", "the signature does not match this file, workspace and expiry, "
                    + "or the URL expired at " + Instant.ofEpochSecond(expiresAt) + "; ask the deploy-service for a new one",
                    "signature", null);
        }
        FileEntity file = files.get(workspace, id);
        if (!file.isLink()) {
            return Response.ok((StreamingOutput) out -> store.copy(file.id, out), file.mediaType).build();
        }
        URI source = URI.create(file.sourceUri);
        if ("http".equals(source.getScheme()) || "https".equals(source.getScheme())) {
            return Response.temporaryRedirect(source).build();
        }
        throw new ResourceConflictException("file " + file.id + " is a link to " + file.sourceUri
                + ", which a runtime cannot fetch over HTTP", "source_uri");
    }
}
