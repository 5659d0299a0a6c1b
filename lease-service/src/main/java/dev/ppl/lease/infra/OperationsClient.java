package dev.ppl.lease.infra;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.Events;
import dev.ppl.contracts.backend.BackendOperation;
import dev.ppl.lease.LeaseConfig;

/** The operations-service's catalog and backends, as the live-test saga uses them (docs/internal-api.md). */
@ApplicationScoped
public class OperationsClient {
    private final InternalHttp http;

    public OperationsClient(LeaseConfig config) {
        this.http = new InternalHttp("operations-service", config.operationsUrl(), config.callTimeout());
    }

    /** A {@code Version}. */
    public JsonNode version(String workspaceId, String versionId) {
        return http.get("/internal/versions/" + InternalHttp.segment(versionId), workspaceId);
    }

    /** The newest {@code Version} tagged {@code latest} of a component, built-in harnesses included. */
    public JsonNode latest(String workspaceId, String componentName) {
        return http.get("/internal/components/by-name/" + InternalHttp.segment(componentName) + "/latest", workspaceId);
    }

    /** {@code {backend_id, name, seq, lease_id}} */
    public JsonNode createBackend(String workspaceId, String name, String leaseId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("lease_id", leaseId);
        return http.post("/internal/backends", workspaceId, body);
    }

    /** {@code {backend_id, seq, vertex_id?, event}} once the operation is on the log and projected. */
    public JsonNode operate(String workspaceId, String backendId, BackendOperation operation) {
        return http.post("/internal/backends/" + InternalHttp.segment(backendId) + "/operations", workspaceId,
                Events.CODEC.toTree(operation));
    }
}
