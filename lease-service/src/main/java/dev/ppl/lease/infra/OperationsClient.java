package dev.ppl.lease.infra;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.Events;
import dev.ppl.contracts.backend.BackendOperation;
import dev.ppl.lease.LeaseConfig;
import dev.ppl.service.http.InternalClient;

/** The operations-service's catalog and backends, as the live-test saga uses them (docs/internal-api.md). */
@ApplicationScoped
public class OperationsClient {
    private final InternalClient http;

    public OperationsClient(LeaseConfig config) {
        this.http = new InternalClient("operations-service", config.operationsUrl(), "lease-service", "lease",
                config.callTimeout());
    }

    /** A {@code Version}. */
    public JsonNode version(String workspaceId, String versionId) {
        return http.get(workspaceId, "/internal/versions/" + InternalClient.segment(versionId));
    }

    /** The newest {@code Version} tagged {@code latest} of a component, built-in harnesses included. */
    public JsonNode latest(String workspaceId, String componentName) {
        return http.get(workspaceId, "/internal/components/by-name/" + InternalClient.segment(componentName) + "/latest");
    }

    /** A {@code Graph}: the backend as it is now. */
    public JsonNode backend(String workspaceId, String backendId) {
        return http.get(workspaceId, "/internal/backends/" + InternalClient.segment(backendId));
    }

    /** {@code {backend_id, name, seq, lease_id}} */
    public JsonNode createBackend(String workspaceId, String name, String leaseId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("lease_id", leaseId);
        return http.post(workspaceId, "/internal/backends", body);
    }

    /** {@code {backend_id, seq, vertex_id?, event}} once the operation is on the log and projected. */
    public JsonNode operate(String workspaceId, String backendId, BackendOperation operation) {
        return http.post(workspaceId, "/internal/backends/" + InternalClient.segment(backendId) + "/operations",
                Events.CODEC.toTree(operation));
    }
}
