package dev.ppl.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.ppl.contracts.deploy.ContainerStatusChanged;
import dev.ppl.deploy.DeployEvents;
import dev.ppl.deploy.TestGraphs;
import dev.ppl.deploy.deployment.ContainerEntity;
import dev.ppl.deploy.deployment.DeployRequest;
import dev.ppl.deploy.deployment.DeploymentEntity;
import dev.ppl.deploy.deployment.DeploymentService;
import dev.ppl.deploy.deployment.DeploymentView;
import dev.ppl.local.testing.PlatformTestResource;
import dev.ppl.service.persistence.Db;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What a restart of the deploy-service does to its deployments, played inside one application: the
 * driver's shutdown (its processes stopped) or the state a kill -9 leaves (rows that still say running
 * for processes that are gone), then the startup's resume.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class ServiceRestartTest {
    private static final String WS = "ws_restarttest";

    @Inject
    DeploymentService deployments;
    @Inject
    LocalProcessDriver driver;

    @Test
    void afterAGracefulShutdownNoRowSaysRunningAndTheNextStartRunsTheContainersAgainWithOneRestartMore() throws Exception {
        DeploymentView d = stableSleeper();
        String container = d.containers().get(0).containerId();
        long before = DeployEvents.pid(container);

        driver.stopEverything(new ShutdownEvent());

        assertThat(DeployEvents.alive(before)).isFalse();
        DeploymentView down = deployments.view(WS, d.deploymentId());
        assertThat(down.status()).isEqualTo("starting");
        assertThat(down.containers().get(0).status()).isEqualTo("waiting");

        deployments.resume(new StartupEvent());

        assertResumed(d, before);
        deployments.undeploy(WS, d.deploymentId(), "client");
    }

    @Test
    void afterAKillTheRowsThatStillSayRunningAreResumedAndFailedOrStoppedDeploymentsStayDown() throws Exception {
        DeploymentView d = stableSleeper();
        String container = d.containers().get(0).containerId();
        long before = DeployEvents.pid(container);
        DeploymentView failed = deployments.deployGraph(WS, new DeployRequest("bk_r", "local", null, null),
                TestGraphs.imageOnly());
        DeploymentView stopped = stableSleeper();
        deployments.undeploy(WS, stopped.deploymentId(), "client");
        // What a kill -9 leaves: the process is gone (here: stopped by the driver, which forgets it) while
        // the rows still say what they said before.
        driver.stopEverything(new ShutdownEvent());
        Db.tx(() -> DeploymentEntity.update("status = 'stable', message = null where id = ?1", d.deploymentId())
                .chain(() -> ContainerEntity.update("status = 'running', message = null where id = ?1", container)));

        deployments.resume(new StartupEvent());

        assertResumed(d, before);
        assertThat(deployments.view(WS, failed.deploymentId()).status()).isEqualTo("failed");
        assertThat(deployments.view(WS, stopped.deploymentId()).status()).isEqualTo("stopped");
        assertThat(driver.containers().values()).doesNotContain(failed.deploymentId(), stopped.deploymentId());
        deployments.undeploy(WS, d.deploymentId(), "client");
        deployments.undeploy(WS, failed.deploymentId(), "client");
    }

    private void assertResumed(DeploymentView d, long before) throws Exception {
        String container = d.containers().get(0).containerId();
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            DeploymentView now = deployments.view(WS, d.deploymentId());
            assertThat(now.status()).isEqualTo("stable");
            assertThat(now.containers().get(0).status()).isEqualTo("running");
            assertThat(now.containers().get(0).restarts()).isEqualTo(1);
        });
        long after = DeployEvents.pid(container);
        assertThat(after).isNotEqualTo(before);
        assertThat(DeployEvents.alive(after)).isTrue();
        assertThat(DeployEvents.of(d.deploymentId(), ContainerStatusChanged.class,
                e -> e.stream().anyMatch(c -> c.restarts() == 1))).last()
                .satisfies(c -> assertThat(c.status().wire() + " " + c.restarts()).isEqualTo("running 1"));
    }

    private DeploymentView stableSleeper() {
        DeploymentView d = deployments.deployGraph(WS, new DeployRequest("bk_r", "local", null, null),
                TestGraphs.script("exec sleep 300"));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(
                () -> assertThat(deployments.view(WS, d.deploymentId()).status()).isEqualTo("stable"));
        return d;
    }
}
