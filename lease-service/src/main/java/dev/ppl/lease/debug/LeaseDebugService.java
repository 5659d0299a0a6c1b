package dev.ppl.lease.debug;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.lease.deployment.ContainerStateEntity;
import dev.ppl.lease.deployment.DeploymentStateEntity;
import dev.ppl.lease.deployment.DeploymentStateProjector;
import dev.ppl.lease.infra.OperationsClient;
import dev.ppl.lease.lease.LeaseService;
import dev.ppl.lease.lease.LeaseView;
import dev.ppl.service.web.ProblemException;

/**
 * {@code ppl lease debug}: the one call to make first when a lease fails. The deployment comes from this
 * service's own projection of the deploy events (so it is there even while the deploy-service is down);
 * the backend is read from the operations-service, and a part that cannot be read is named in
 * {@code errors} instead of failing the whole bundle.
 */
@ApplicationScoped
public class LeaseDebugService {
    private final LeaseService leases;
    private final DeploymentStateProjector deployments;
    private final OperationsClient operations;

    public LeaseDebugService(LeaseService leases, DeploymentStateProjector deployments, OperationsClient operations) {
        this.leases = leases;
        this.deployments = deployments;
        this.operations = operations;
    }

    public Map<String, Object> bundle(String workspaceId, String leaseId) {
        LeaseView lease = leases.get(workspaceId, leaseId);
        Map<String, Object> bundle = live(workspaceId, lease);
        Map<String, Object> result = null;
        if (lease.resultStatus() != null) {
            result = new LinkedHashMap<>();
            result.put("status", lease.resultStatus());
            result.put("result", lease.result());
            result.put("debug_bundle", leases.resultDebugBundle(leaseId));
        }
        bundle.put("result", result);
        return bundle;
    }

    /** The bundle without the stored result: what {@code set-result} keeps beside the result. */
    public Map<String, Object> live(String workspaceId, LeaseView lease) {
        List<String> errors = new ArrayList<>();
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("lease", lease);
        bundle.put("backend", backend(workspaceId, lease, errors));
        bundle.put("deployment", deployment(lease, errors));
        bundle.put("errors", errors);
        return bundle;
    }

    private Map<String, Object> backend(String workspaceId, LeaseView lease, List<String> errors) {
        String backendId = lease.resources().stream().filter(r -> r.kind().equals("backend")).map(LeaseView.Resource::id)
                .reduce((first, second) -> second).orElse(null);
        if (backendId == null) {
            return null;
        }
        try {
            JsonNode graph = operations.backend(workspaceId, backendId);
            Map<String, Object> backend = new LinkedHashMap<>();
            backend.put("backend_id", backendId);
            backend.put("seq", graph.path("seq").asLong());
            backend.put("vertices", graph.path("vertices"));
            backend.put("edges", graph.path("edges"));
            return backend;
        } catch (ProblemException e) {
            errors.add("backend " + backendId + ": " + (e.status() == 404 ? "deleted" : e.getMessage()));
            return null;
        }
    }

    private Map<String, Object> deployment(LeaseView lease, List<String> errors) {
        List<DeploymentStateEntity> found = deployments.deploymentsOf(lease.leaseId());
        if (found.isEmpty()) {
            if (lease.resources().stream().anyMatch(r -> r.kind().equals("deployment"))) {
                errors.add("deployment: no status reported by the deploy-service yet");
            }
            return null;
        }
        DeploymentStateEntity d = found.get(found.size() - 1);
        Map<String, Object> deployment = new LinkedHashMap<>();
        deployment.put("deployment_id", d.deploymentId);
        deployment.put("status", d.status);
        deployment.put("message", d.message);
        List<Map<String, Object>> containers = new ArrayList<>();
        for (ContainerStateEntity c : deployments.containersOf(List.of(d.deploymentId))) {
            Map<String, Object> container = new LinkedHashMap<>();
            container.put("container_id", c.containerId);
            container.put("vertex_id", c.vertexId);
            container.put("status", c.status);
            container.put("restarts", c.restarts);
            container.put("exit_code", c.exitCode);
            container.put("message", c.message);
            containers.add(container);
        }
        deployment.put("containers", containers);
        return deployment;
    }
}
