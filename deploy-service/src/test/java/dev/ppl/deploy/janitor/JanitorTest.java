package dev.ppl.deploy.janitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.ppl.contracts.Ids;
import dev.ppl.contracts.Topics;
import dev.ppl.contracts.deploy.DeploymentStopped;
import dev.ppl.deploy.DeployConfig;
import dev.ppl.deploy.DeployEvents;
import dev.ppl.deploy.OwnPortAsStandIns;
import dev.ppl.deploy.TestGraphs;
import dev.ppl.deploy.deployment.DeployRequest;
import dev.ppl.deploy.deployment.DeploymentEntity;
import dev.ppl.deploy.deployment.DeploymentService;
import dev.ppl.deploy.deployment.DeploymentView;
import dev.ppl.deploy.infra.DataTopics;
import dev.ppl.deploy.runtime.RuntimeRegistry;
import dev.ppl.local.Ports;
import dev.ppl.local.testing.PlatformTestResource;
import dev.ppl.service.persistence.Db;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The janitor as scheduled in the running application (every second, a grace of 2 s in the test
 * profile), against real processes, Kafka topics and PostgreSQL; the lease-service is
 * {@link LeaseServiceStandIn}, inside the application.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OwnPortAsStandIns.class, restrictToAnnotatedClass = false)
class JanitorTest {
    private static final String WS = "ws_janitortest";

    @Inject
    DeploymentService deployments;
    @Inject
    RuntimeRegistry runtimes;
    @Inject
    DataTopics topics;
    @Inject
    DeployConfig config;
    @Inject
    Scheduler scheduler;

    @Test
    void aDeploymentWhoseLeaseWasRolledBackIsUndeployedAndItsProcessStopped() throws Exception {
        String lease = Ids.next(Ids.LEASE);
        DeploymentView d = sleeper(lease);
        long pid = DeployEvents.pid(d.containers().get(0).containerId());

        LeaseServiceStandIn.set(lease, "rolled_back", "delete_ephemeral_resources");

        awaitStopped(d);
        assertThat(deployments.view(WS, d.deploymentId()).message()).isEqualTo("undeployed (lease_closed)");
        assertThat(DeployEvents.alive(pid)).isFalse();
        assertThat(DeployEvents.of(d.deploymentId(), DeploymentStopped.class, e -> !e.isEmpty()))
                .singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo("lease_closed"));
        assertThat(LeaseServiceStandIn.askedWith(lease)).isEqualTo(WS);
    }

    @Test
    void aDeploymentWhoseLeaseTheLeaseServiceDoesNotKnowIsUndeployedOnlyOnceItIsOlderThanTheGrace() throws Exception {
        String lease = Ids.next(Ids.LEASE);
        LeaseServiceStandIn.forget(lease);
        DeploymentView d = sleeper(lease);
        long pid = DeployEvents.pid(d.containers().get(0).containerId());

        janitor(config).undeployClosedLeases();
        assertThat(deployments.view(WS, d.deploymentId()).status()).isNotEqualTo("stopped");
        assertThat(DeployEvents.alive(pid)).isTrue();

        awaitStopped(d);
        assertThat(DeployEvents.alive(pid)).isFalse();
    }

    @Test
    void deploymentsOfOpenCommittedAndRetainedLeasesAreLeftAlone() throws Exception {
        String open = Ids.next(Ids.LEASE);
        String committed = Ids.next(Ids.LEASE);
        String retained = Ids.next(Ids.LEASE);
        LeaseServiceStandIn.set(committed, "committed", "delete_ephemeral_resources");
        LeaseServiceStandIn.set(retained, "rolled_back", "retain_all");
        List<DeploymentView> kept = List.of(sleeper(open), sleeper(committed), sleeper(retained));

        // Through the grace and a few rounds of the janitor, none of them may be touched.
        Awaitility.await().during(config.janitorGrace().plusSeconds(2)).atMost(config.janitorGrace().plusSeconds(10))
                .until(() -> kept.stream().allMatch(d -> !deployments.view(WS, d.deploymentId()).status().equals("stopped")));
        for (DeploymentView d : kept) {
            assertThat(deployments.view(WS, d.deploymentId()).status()).isIn("running", "stable");
            assertThat(DeployEvents.alive(DeployEvents.pid(d.containers().get(0).containerId()))).isTrue();
            assertThat(LeaseServiceStandIn.askedWith(d.leaseId())).isEqualTo(WS);
            deployments.undeploy(WS, d.deploymentId(), "client");
        }
    }

    @Test
    void whileTheLeaseServiceCannotBeReachedNothingIsUndeployed() throws Exception {
        String lease = Ids.next(Ids.LEASE);
        LeaseServiceStandIn.forget(lease);
        scheduler.pause();
        try {
            DeploymentView d = sleeper(lease);
            Thread.sleep(config.janitorGrace().plusMillis(500).toMillis());
            String nobody = "http://127.0.0.1:" + Ports.free();
            DeployConfig away = (DeployConfig) Proxy.newProxyInstance(DeployConfig.class.getClassLoader(),
                    new Class<?>[] { DeployConfig.class },
                    (proxy, method, args) -> method.getName().equals("leaseUrl") ? nobody : method.invoke(config, args));

            janitor(away).undeployClosedLeases();

            assertThat(deployments.view(WS, d.deploymentId()).status()).isIn("running", "stable");
            scheduler.resume();
            awaitStopped(d);
        } finally {
            scheduler.resume();
        }
    }

    @Test
    void aProcessWhoseDeploymentIsStoppedOrUnknownIsStopped() throws Exception {
        DeploymentView d = sleeper(null);
        String container = d.containers().get(0).containerId();
        long pid = DeployEvents.pid(container);
        // As if the stop had been lost half-way: the row says stopped, the process still runs.
        Db.tx(() -> DeploymentEntity.update("status = 'stopped' where id = ?1", d.deploymentId()));
        ProcessBuilder stray = new ProcessBuilder("sleep", "300");
        stray.environment().put("PPL_CONTAINER_ID", "ct_strayjanitortest");
        Process unknown = stray.start();
        Files.writeString(DeployEvents.pidFile("ct_strayjanitortest"), unknown.pid() + "\ndp_notinthisdatabase\n");

        try {
            // The pid file goes after the process is gone: wait for both, not for the process alone.
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(DeployEvents.alive(pid)).isFalse();
                assertThat(unknown.isAlive()).isFalse();
                assertThat(DeployEvents.pidFile(container)).doesNotExist();
                assertThat(DeployEvents.pidFile("ct_strayjanitortest")).doesNotExist();
            });
        } finally {
            unknown.destroyForcibly();
        }
    }

    @Test
    void theTopicsOfAStoppedDeploymentAreDeletedAndTopicsOfUnknownDeploymentsAreLeft() {
        DeploymentView d = sleeper(null);
        deployments.undeploy(WS, d.deploymentId(), "client");
        // As if deleting them had failed at undeploy.
        String left = Topics.edgeTopic(d.deploymentId(), "1", 0, "2", 0);
        String foreign = Topics.edgeTopic("dp_notinthisdatabase", "1", 0, "2", 0);
        topics.create(Set.of(left, foreign));

        try {
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !topics.exists(left));
            janitor(config).deleteStoppedTopics();
            assertThat(topics.exists(foreign)).isTrue();
        } finally {
            topics.delete(Set.of(foreign));
        }
    }

    private DeploymentView sleeper(String lease) {
        DeploymentView d = deployments.deployGraph(WS, new DeployRequest("bk_j", "local", lease, null),
                TestGraphs.script("exec sleep 300"));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(
                DeployEvents.pidFile(d.containers().get(0).containerId())));
        return d;
    }

    private void awaitStopped(DeploymentView d) {
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(deployments.view(WS, d.deploymentId()).status()).isEqualTo("stopped"));
    }

    private Janitor janitor(DeployConfig with) {
        return new Janitor(deployments, runtimes, topics, with);
    }
}
