package dev.ppl.gateway.harness;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.gateway.infra.Services;
import dev.ppl.service.http.InternalClient;
import dev.ppl.service.web.ProblemException;

/**
 * How a deployment's harness vertices connect to the data plane, from the deploy-service. A
 * deployment's routing never changes (it is pinned at deploy), so it is cached by id.
 */
@ApplicationScoped
public class DeploymentRoutes {
    private final Services services;
    private final Map<String, JsonNode> routes = new ConcurrentHashMap<>();

    public DeploymentRoutes(Services services) {
        this.services = services;
    }

    /** The routing of one harness vertex of the given kind ({@code input}/{@code output}); 404 otherwise. */
    public JsonNode harnessVertex(String workspaceId, String deploymentId, String vertexId, String kind) {
        JsonNode deployment = routes.computeIfAbsent(deploymentId,
                id -> services.deploy().get(workspaceId, "/internal/deployments/" + InternalClient.segment(id)));
        for (JsonNode vertex : deployment.path("vertices")) {
            if (vertex.path("vertex_id").asText().equals(vertexId) && kind.equals(vertex.path("harness").asText(null))) {
                return vertex;
            }
        }
        throw new ProblemException(404, "Not found", "deployment " + deploymentId + " has no " + kind + " harness vertex "
                + vertexId, null, null);
    }

    public void forget(String deploymentId) {
        routes.remove(deploymentId);
    }
}
