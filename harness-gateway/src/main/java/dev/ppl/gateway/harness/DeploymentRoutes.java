package dev.ppl.gateway.harness;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.ppl.gateway.GatewayConfig;
import dev.ppl.gateway.infra.Services;
import dev.ppl.service.http.InternalClient;
import dev.ppl.service.web.ProblemException;

/**
 * How a deployment's harness vertices connect to the data plane, from the deploy-service. A
 * deployment's routing never changes (it is pinned at deploy), so it is cached by workspace and id (a deployment of
 * another workspace is the deploy-service's 404, never this cache's hit), at most
 * {@code ppl.gateway.caches.deployment-routes} of them.
 */
@ApplicationScoped
public class DeploymentRoutes {
    private final Services services;
    private final Cache<List<String>, JsonNode> routes;

    public DeploymentRoutes(Services services, GatewayConfig config) {
        this.services = services;
        this.routes = Caffeine.newBuilder().executor(Runnable::run).maximumSize(config.caches().deploymentRoutes()).build();
    }

    /** The routing of one harness vertex of the given kind ({@code input}/{@code output}); 404 otherwise. */
    public JsonNode harnessVertex(String workspaceId, String deploymentId, String vertexId, String kind) {
        JsonNode deployment = routes.get(List.of(workspaceId, deploymentId), key -> services.deploy().get(workspaceId,
                "/internal/deployments/" + InternalClient.segment(deploymentId)));
        for (JsonNode vertex : deployment.path("vertices")) {
            if (vertex.path("vertex_id").asText().equals(vertexId) && kind.equals(vertex.path("harness").asText(null))) {
                return vertex;
            }
        }
        throw new ProblemException(404, "Not found", "deployment " + deploymentId + " has no " + kind + " harness vertex "
                + vertexId, null, null);
    }

}
