package dev.ppl.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.ppl.contracts.Topics;
import dev.ppl.contracts.deploy.ContainerStatusChanged;
import dev.ppl.contracts.deploy.DeploymentStatusChanged;
import dev.ppl.deploy.deployment.DeployRequest;
import dev.ppl.deploy.deployment.DeploymentService;
import dev.ppl.deploy.deployment.DeploymentView;
import dev.ppl.deploy.infra.DataTopics;
import dev.ppl.local.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A deployment's status as containers come up, settle, crash and cannot start, with real processes; the
 * test profile settles after 1 s.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class DeploymentStatusTest {
    private static final String WS = "ws_statustest";

    @Inject
    DeploymentService deployments;
    @Inject
    DataTopics topics;

    @Test
    void aHealthyProcessGoesFromStartingThroughRunningToStableAndUndeployStopsIt() throws Exception {
        DeploymentView d = deployments.deployGraph(WS, new DeployRequest("bk_s", "local", null, null),
                TestGraphs.script("exec sleep 300"));
        String id = d.deploymentId();

        awaitStatus(id, "stable");
        long pid = DeployEvents.pid(d.containers().get(0).containerId());
        deployments.undeploy(WS, id, "client");

        assertThat(DeployEvents.alive(pid)).isFalse();
        List<DeploymentStatusChanged> statuses = DeployEvents.of(id, DeploymentStatusChanged.class, e -> e.size() >= 4);
        assertThat(statuses).extracting(DeploymentStatusChanged::status).containsExactly("starting", "running", "stable",
                "stopped");
        assertThat(statuses.get(3).message()).isEqualTo("undeployed (client)");
        assertThat(deployments.view(WS, id).containers().get(0).status()).isEqualTo("terminated");
    }

    @Test
    void aProcessKilledOnceIsRestartedWithOneRestartAndTheDeploymentSettlesAgain() throws Exception {
        DeploymentView d = deployments.deployGraph(WS, new DeployRequest("bk_k", "local", null, null),
                TestGraphs.script("exec sleep 300"));
        String id = d.deploymentId();
        String container = d.containers().get(0).containerId();
        awaitStatus(id, "stable");
        long first = DeployEvents.pid(container);

        ProcessHandle.of(first).orElseThrow().destroyForcibly();

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            DeploymentView now = deployments.view(WS, id);
            assertThat(now.status()).isEqualTo("stable");
            assertThat(now.containers().get(0).restarts()).isEqualTo(1);
            assertThat(now.containers().get(0).exitCode()).isEqualTo(137);
        });
        long second = DeployEvents.pid(container);
        assertThat(second).isNotEqualTo(first);
        assertThat(DeployEvents.alive(second)).isTrue();
        assertThat(DeployEvents.of(id, DeploymentStatusChanged.class, e -> e.size() >= 6))
                .extracting(DeploymentStatusChanged::status)
                .containsExactly("starting", "running", "stable", "starting", "running", "stable");
        assertThat(DeployEvents.of(id, ContainerStatusChanged.class, e -> e.size() >= 5))
                .extracting(e -> e.status().wire() + " " + e.restarts() + " " + e.exitCode())
                .containsExactly("waiting 0 null", "running 0 null", "terminated 0 137", "waiting 0 null", "running 1 null");

        deployments.undeploy(WS, id, "client");
        assertThat(DeployEvents.alive(second)).isFalse();
    }

    @Test
    void aGraphWithoutWorkloadsIsRunningAndThenStableAtOnce() {
        DeploymentView d = deployments.deployGraph(WS, new DeployRequest("bk_n", "local", null, null),
                TestGraphs.harnessesOnly());

        assertThat(deployments.view(WS, d.deploymentId()).status()).isEqualTo("stable");
        assertThat(DeployEvents.of(d.deploymentId(), DeploymentStatusChanged.class, e -> e.size() >= 3))
                .extracting(DeploymentStatusChanged::status).containsExactly("starting", "running", "stable");
        assertThat(topics.exists(Topics.edgeTopic(d.deploymentId(), "1", 0, "3", 0))).isTrue();
        deployments.undeploy(WS, d.deploymentId(), "client");
    }

    @Test
    void aComponentTheRuntimeCannotStartFailsTheDeploymentAtOnceAndTheRowStaysUntilUndeploy() {
        DeploymentView d = deployments.deployGraph(WS, new DeployRequest("bk_i", "local", null, null),
                TestGraphs.imageOnly());
        String container = d.containers().get(0).containerId();

        DeploymentView failed = deployments.view(WS, d.deploymentId());
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.message()).isEqualTo("container " + container + " (vertex 2) cannot start: component 'echo' "
                + "has no local.command, so the local runtime cannot run it");
        assertThat(failed.containers().get(0).status()).isEqualTo("terminated");
        DeploymentStatusChanged event = DeployEvents.of(d.deploymentId(), DeploymentStatusChanged.class,
                e -> e.size() >= 2).get(1);
        assertThat(event.status()).isEqualTo("failed");
        assertThat(event.exitCode()).isNull();
        assertThat(deployments.list(WS, "bk_i", null)).extracting(DeploymentView::deploymentId)
                .containsExactly(d.deploymentId());

        deployments.undeploy(WS, d.deploymentId(), "client");
        assertThat(deployments.view(WS, d.deploymentId()).status()).isEqualTo("stopped");
    }

    private void awaitStatus(String id, String status) {
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(deployments.view(WS, id).status()).isEqualTo(status));
    }
}
