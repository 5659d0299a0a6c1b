package dev.ppl.gateway;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "ppl.gateway")
public interface GatewayConfig {
    String operationsUrl();

    String leaseUrl();

    String deployUrl();

    /** The base of the harness endpoint URLs that {@code forward} hands out. */
    String publicUrl();

    /** A workspace created at start if missing. */
    String bootstrapWorkspace();

    /** A token for the bootstrap workspace; none is created when absent. */
    Optional<String> bootstrapToken();

    /**
     * The key {@code /files/{id}/content} checks signed URLs with; the deploy-service signs with the same
     * ({@code ppl.deploy.file-signing-key}). Unset: no signed URL is served, and deployments cannot bind files.
     */
    Optional<String> fileSigningKey();
}
