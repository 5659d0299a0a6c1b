package dev.ppl.gateway.deployments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.gateway.auth.Caller;
import dev.ppl.gateway.infra.Paths;
import dev.ppl.gateway.infra.Services;
import dev.ppl.service.http.InternalClient;
import dev.ppl.service.web.InvalidInputException;
import dev.ppl.service.web.ProblemException;

/**
 * Deploying a backend as of its current sequence number, and undeploying it. A deployment of a backend whose
 * lease is open is stamped with that lease when it is made, so the lease's close removes it with the backend.
 */
@ApplicationScoped
public class BackendDeployments {
    private final InternalClient deploy;
    private final InternalClient operations;
    private final InternalClient leases;

    public BackendDeployments(Services services) {
        this.deploy = services.deploy();
        this.operations = services.operations();
        this.leases = services.leases();
    }

    /** A {@code Deployment}, as created. */
    public JsonNode deploy(Caller c, String backendId, JsonNode body) {
        if (body == null || !body.isObject() || !body.hasNonNull("runtime") || body.get("runtime").asText().isBlank()) {
            throw new InvalidInputException("runtime", "the id of a runtime (GET /v1/runtimes)",
                    "runtime: expected the id of a runtime (GET /v1/runtimes), was missing");
        }
        JsonNode graph = operations.get(c.workspaceId(), c.actor(), c.surface(),
                "/internal/backends/" + InternalClient.segment(backendId));
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("backend_id", backendId);
        request.put("runtime", body.get("runtime").asText());
        if (graph.hasNonNull("lease_id") && leaseIsOpen(c, graph.get("lease_id").asText())) {
            request.put("lease_id", graph.get("lease_id").asText());
        }
        if (body.hasNonNull("fixed_duration")) {
            request.put("fixed_duration", body.get("fixed_duration").asText());
        }
        return deploy.post(c.workspaceId(), c.actor(), c.surface(), "/internal/deployments", request);
    }

    /** {@code {backend_id, undeployed: [deployment_id]}} */
    public Map<String, Object> undeploy(Caller c, String backendId) {
        operations.get(c.workspaceId(), c.actor(), c.surface(), "/internal/backends/" + InternalClient.segment(backendId));
        List<String> undeployed = new ArrayList<>();
        for (JsonNode d : deploy.get(c.workspaceId(), c.actor(), c.surface(),
                "/internal/deployments" + Paths.query("backend_id", backendId)).path("items")) {
            String id = d.path("deployment_id").asText();
            deploy.delete(c.workspaceId(), c.actor(), c.surface(), "/internal/deployments/" + InternalClient.segment(id));
            undeployed.add(id);
        }
        return Map.of("backend_id", backendId, "undeployed", undeployed);
    }

    /** A backend kept past its lease (promoted, committed) still names it; its deployment is not the lease's. */
    private boolean leaseIsOpen(Caller c, String leaseId) {
        try {
            return leases.get(c.workspaceId(), c.actor(), c.surface(), "/internal/leases/" + InternalClient.segment(leaseId))
                    .path("state").asText().equals("open");
        } catch (ProblemException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }
}
