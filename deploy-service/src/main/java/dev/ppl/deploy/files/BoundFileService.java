package dev.ppl.deploy.files;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ppl.deploy.DeployConfig;
import dev.ppl.deploy.runtime.RuntimeDriver;
import dev.ppl.service.files.SignedFileUrls;
import dev.ppl.service.web.ProblemException;

/**
 * Where a runtime fetches the files a graph binds: the gateway's {@code /files/{id}/content} under a URL signed
 * for the deployment's workspace ({@link SignedFileUrls}), so neither a pod nor a local process needs a
 * workspace token.
 */
@ApplicationScoped
public class BoundFileService {
    private final DeployConfig config;
    private final Optional<SignedFileUrls> urls;

    public BoundFileService(DeployConfig config) {
        this.config = config;
        this.urls = config.fileSigningKey().filter(key -> !key.isBlank()).map(SignedFileUrls::new);
    }

    /** A URL of the file's content that the driver's containers can fetch until {@code ppl.deploy.file-url-validity} passes. */
    public URI url(String workspaceId, String fileId, RuntimeDriver driver) {
        if (urls.isEmpty()) {
            throw new ProblemException(409, "Conflict", "the graph binds file " + fileId + ", and this deploy-service "
                    + "cannot deliver files: ppl.deploy.file-signing-key is not set", "files", null);
        }
        return urls.get().url(driver.gatewayUrl().orElse(config.gatewayUrl()), workspaceId, fileId,
                Instant.now().plus(config.fileUrlValidity()));
    }
}
