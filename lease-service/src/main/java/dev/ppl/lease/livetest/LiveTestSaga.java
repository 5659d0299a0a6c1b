package dev.ppl.lease.livetest;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.backend.AddVertex;
import dev.ppl.contracts.backend.ChangeParameter;
import dev.ppl.contracts.backend.Connect;
import dev.ppl.contracts.deploy.ContainerStatusChanged;
import dev.ppl.contracts.livetest.BackendCreatedEvent;
import dev.ppl.contracts.livetest.DeployStarted;
import dev.ppl.contracts.livetest.EdgeConnectedEvent;
import dev.ppl.contracts.livetest.Failed;
import dev.ppl.contracts.livetest.LeaseCreated;
import dev.ppl.contracts.livetest.LiveTestEvent;
import dev.ppl.contracts.livetest.ParamSet;
import dev.ppl.contracts.livetest.Ready;
import dev.ppl.contracts.livetest.StartLiveTest;
import dev.ppl.contracts.livetest.VertexAddedEvent;
import dev.ppl.contracts.manifest.EdgeSpec;
import dev.ppl.contracts.manifest.VertexSpec;
import dev.ppl.lease.LeaseConfig;
import dev.ppl.lease.deployment.DeployEventHub;
import dev.ppl.lease.infra.DeployClient;
import dev.ppl.lease.infra.OperationsClient;
import dev.ppl.lease.lease.LeaseView;
import dev.ppl.lease.outputs.LeaseOutputs;
import dev.ppl.service.web.ProblemException;

/**
 * The live test of one lease: builds the manifest's graph on a new backend, deploys it on the lease's
 * runtime and waits until every container runs, reporting each step as it happens. Every resource is
 * created stamped with the lease, so whatever exists when a step fails is removed by the lease's
 * rollback; the saga itself never deletes. Blocking: run it on a worker thread.
 */
@ApplicationScoped
public class LiveTestSaga {
    private static final Logger LOG = Logger.getLogger(LiveTestSaga.class);

    private final OperationsClient operations;
    private final DeployClient deploy;
    private final DeployEventHub containers;
    private final Duration readyTimeout;
    private final LeaseOutputs outputs;

    public LiveTestSaga(OperationsClient operations, DeployClient deploy, DeployEventHub containers, LeaseConfig config,
            LeaseOutputs outputs) {
        this.outputs = outputs;
        this.operations = operations;
        this.deploy = deploy;
        this.containers = containers;
        this.readyTimeout = config.readyTimeout();
    }

    /**
     * Runs the test, handing each event to {@code emit}; the last one is {@code ready} or {@code failed}.
     * When {@code emit} throws {@link CancellationException} (the client went away) the run stops quietly.
     */
    public void run(LeaseView lease, StartLiveTest start, Consumer<LiveTestEvent> emit) {
        Run run = new Run(lease, start, emit);
        try {
            run.execute();
        } catch (CancellationException e) {
            LOG.infof("live test of lease %s: the client went away during %s", lease.leaseId(), run.stage);
        } catch (SagaFailure failure) {
            end(emit, failure.event());
        } catch (RuntimeException e) {
            LOG.errorf(e, "live test of lease %s failed unexpectedly during %s", lease.leaseId(), run.stage);
            end(emit, new Failed(run.stage, "unexpected error during " + run.stage + ": " + e.getMessage(), null));
        }
    }

    private static void end(Consumer<LiveTestEvent> emit, Failed failed) {
        try {
            emit.accept(failed);
        } catch (CancellationException e) {
            LOG.infof("live test ended (%s) after the client went away", failed.error());
        }
    }

    private final class Run {
        private final LeaseView lease;
        private final StartLiveTest start;
        private final Consumer<LiveTestEvent> emit;
        private final String workspace;
        private final Map<String, String> vertexIds = new LinkedHashMap<>();
        private final Map<String, String> vertexNames = new HashMap<>();
        private String stage = "lease";

        Run(LeaseView lease, StartLiveTest start, Consumer<LiveTestEvent> emit) {
            this.lease = lease;
            this.start = start;
            this.emit = emit;
            this.workspace = lease.workspaceId();
        }

        void execute() {
            emit.accept(new LeaseCreated(lease.leaseId(), lease.runtime(), lease.label(), lease.expiresAt()));
            stage = "release";
            requireCutVersion();
            stage = "backend";
            String backendId = createBackend();
            addVertices(backendId);
            connectEdges(backendId);
            setParameters(backendId);
            stage = "deploy";
            String deploymentId = deployAndAwaitContainers(backendId);
            emit.accept(new Ready(lease.leaseId(), backendId, deploymentId));
        }

        private void requireCutVersion() {
            String id = start.cutVersionId();
            try {
                operations.version(workspace, id);
            } catch (ProblemException e) {
                if (e.status() == 404) {
                    throw new SagaFailure(stage, "cut_version_id '" + id + "' does not exist in this workspace");
                }
                throw new SagaFailure(stage, "look up cut version " + id + ": " + e.getMessage());
            }
        }

        private String createBackend() {
            JsonNode backend = call("create backend",
                    () -> operations.createBackend(workspace, "live test " + lease.leaseId(), lease.leaseId()));
            String backendId = text(backend, "backend_id", "create backend");
            emit.accept(new BackendCreatedEvent(backendId));
            return backendId;
        }

        private void addVertices(String backendId) {
            for (Map.Entry<String, VertexSpec> vertex : start.manifest().graph().vertices().entrySet()) {
                String name = vertex.getKey();
                String harness = vertex.getValue() == null ? null : vertex.getValue().harness();
                String versionId = harness == null ? start.cutVersionId() : harnessVersion(name, harness);
                String what = "add-vertex " + name;
                JsonNode added = call(what,
                        () -> operations.operate(workspace, backendId, new AddVertex(versionId, name, null)));
                String vertexId = text(added, "vertex_id", what);
                vertexIds.put(name, vertexId);
                vertexNames.put(vertexId, name);
                emit.accept(new VertexAddedEvent(name, vertexId, versionId, harness));
            }
        }

        private String harnessVersion(String vertex, String harness) {
            try {
                return text(operations.latest(workspace, harness), "id", "look up harness '" + harness + "'");
            } catch (ProblemException e) {
                if (e.status() == 404) {
                    throw new SagaFailure(stage, "vertex '" + vertex + "': harness component '" + harness
                            + "' does not exist");
                }
                throw new SagaFailure(stage,
                        "look up harness '" + harness + "' for vertex '" + vertex + "': " + e.getMessage());
            }
        }

        private void connectEdges(String backendId) {
            for (EdgeSpec edge : start.manifest().graph().edges()) {
                Connect connect = new Connect(vertexIds.get(edge.from()), edge.fromOutput(), vertexIds.get(edge.to()),
                        edge.toInput());
                call("connect " + edge.from() + "." + edge.fromOutput() + " -> " + edge.to() + "." + edge.toInput(),
                        () -> operations.operate(workspace, backendId, connect));
                emit.accept(new EdgeConnectedEvent(edge.from(), edge.fromOutput(), edge.to(), edge.toInput()));
            }
        }

        private void setParameters(String backendId) {
            for (Map.Entry<String, VertexSpec> vertex : start.manifest().graph().vertices().entrySet()) {
                if (vertex.getValue() == null) {
                    continue;
                }
                String vertexId = vertexIds.get(vertex.getKey());
                for (Map.Entry<String, VertexSpec.ParamSpec> param : vertex.getValue().params().entrySet()) {
                    VertexSpec.ParamSpec spec = param.getValue();
                    ChangeParameter change = new ChangeParameter(vertexId, param.getKey(), spec.type(), spec.value());
                    call("change-parameter " + vertex.getKey() + "." + param.getKey(),
                            () -> operations.operate(workspace, backendId, change));
                    emit.accept(new ParamSet(vertex.getKey(), vertexId, param.getKey(), spec.type(), spec.value()));
                }
            }
        }

        /** Subscribes before deploying, so a container that runs before the deployment answers is not missed. */
        private String deployAndAwaitContainers(String backendId) {
            BlockingQueue<ContainerStatusChanged> changes = new LinkedBlockingQueue<>();
            try (DeployEventHub.Subscription ignored = containers.subscribe(e -> {
                if (e instanceof ContainerStatusChanged c) {
                    changes.add(c);
                }
            })) {
                String what = "deploy backend " + backendId + " on " + lease.runtime();
                JsonNode deployment = call(what, () -> deploy.deploy(workspace, backendId, lease.runtime(), lease.leaseId(),
                        start.manifest().deploy().fixedDuration()));
                String deploymentId = text(deployment, "deployment_id", what);
                outputs.record(lease.leaseId(), start.manifest().outputFiles(), vertexIds, deploymentId);
                emit.accept(new DeployStarted(deploymentId, lease.runtime()));
                JsonNode current = call("read deployment " + deploymentId, () -> deploy.deployment(workspace, deploymentId));
                ContainerReadiness readiness = new ContainerReadiness(containersOf(deployment, current), vertexNames);
                for (JsonNode c : current.path("containers")) {
                    report(readiness.observe(c.path("container_id").asText(), c.path("status").asText(),
                            c.path("restarts").asInt(), c.hasNonNull("exit_code") ? c.get("exit_code").asInt() : null,
                            c.hasNonNull("message") ? c.get("message").asText() : null));
                }
                long deadline = System.nanoTime() + readyTimeout.toNanos();
                while (!readiness.ready()) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        throw failure(readiness.timedOut(readyTimeout));
                    }
                    ContainerStatusChanged change = changes.poll(remaining, TimeUnit.NANOSECONDS);
                    if (change != null && change.deploymentId().equals(deploymentId)) {
                        report(readiness.observe(change.containerId(), change.status().wire(), change.restarts(),
                                change.exitCode(), change.message()));
                    }
                }
                return deploymentId;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for containers");
            }
        }

        private Map<String, String> containersOf(JsonNode... deployments) {
            Map<String, String> vertexOfContainer = new LinkedHashMap<>();
            for (JsonNode d : deployments) {
                for (JsonNode c : d.path("containers")) {
                    vertexOfContainer.put(c.path("container_id").asText(), c.path("vertex_id").asText());
                }
            }
            return vertexOfContainer;
        }

        private void report(Optional<LiveTestEvent> event) {
            if (event.isEmpty()) {
                return;
            }
            if (event.get() instanceof Failed failed) {
                throw failure(failed);
            }
            emit.accept(event.get());
        }

        private SagaFailure failure(Failed failed) {
            return new SagaFailure(failed.stage(), failed.error());
        }

        private JsonNode call(String what, Supplier<JsonNode> step) {
            try {
                return step.get();
            } catch (ProblemException e) {
                throw new SagaFailure(stage, what + ": " + e.getMessage());
            }
        }

        private String text(JsonNode answer, String field, String what) {
            if (answer == null || !answer.hasNonNull(field)) {
                throw new SagaFailure(stage, what + ": the answer has no " + field);
            }
            return answer.get(field).asText();
        }
    }
}
