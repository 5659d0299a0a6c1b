package dev.ppl.lease.infra;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.lease.LeaseConfig;
import dev.ppl.service.http.InternalClient;

/** The deploy-service's deployments, as the live-test saga uses them (docs/internal-api.md). */
@ApplicationScoped
public class DeployClient {
    private final InternalClient http;

    public DeployClient(LeaseConfig config) {
        this.http = new InternalClient("deploy-service", config.deployUrl(), "lease-service", "lease", config.callTimeout());
    }

    /** A {@code Deployment}, with its containers as they were when it answered. */
    public JsonNode deploy(String workspaceId, String backendId, String runtime, String leaseId, String fixedDuration) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("backend_id", backendId);
        body.put("runtime", runtime);
        body.put("lease_id", leaseId);
        if (fixedDuration != null) {
            body.put("fixed_duration", fixedDuration);
        }
        return http.post(workspaceId, "/internal/deployments", body);
    }

    /** A {@code Deployment} as it is now. */
    public JsonNode deployment(String workspaceId, String deploymentId) {
        return http.get(workspaceId, "/internal/deployments/" + InternalClient.segment(deploymentId));
    }
}
