package dev.ppl.lease.ownership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.ppl.contracts.Ids;
import dev.ppl.contracts.Topics;
import dev.ppl.contracts.backend.BackendCreated;
import dev.ppl.contracts.catalog.ComponentVersionPublished;
import dev.ppl.contracts.deploy.ContainerStatus;
import dev.ppl.contracts.deploy.ContainerStatusChanged;
import dev.ppl.contracts.deploy.DeployEvent;
import dev.ppl.contracts.deploy.DeploymentStarted;
import dev.ppl.contracts.files.FileStored;
import dev.ppl.lease.deployment.DeployEventHub;
import dev.ppl.lease.testing.Kafka;
import dev.ppl.lease.testing.Leases;
import dev.ppl.lease.testing.UnansweringServiceResource;
import dev.ppl.local.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = UnansweringServiceResource.class, restrictToAnnotatedClass = false)
class OwnershipProjectorTest {
    private final String workspace = "ws_" + UUID.randomUUID();

    @Inject
    DeployEventHub containers;

    @Test
    void recordsEveryResourceTheOwnersStampedWithTheLeaseOnceEvenWhenRedelivered() {
        String leaseId = Leases.openId(workspace, Map.of());
        String backendId = Ids.next(Ids.BACKEND);
        String deploymentId = Ids.next(Ids.DEPLOYMENT);
        String versionId = Ids.next(Ids.VERSION);
        String fileId = Ids.next(Ids.FILE);
        Instant now = Instant.now();
        for (int delivery = 0; delivery < 2; delivery++) {
            Kafka.publish(Topics.BACKEND_OPERATIONS, backendId, new BackendCreated(backendId, 0, workspace,
                    "live test " + leaseId, leaseId, null, List.of(), "lease-service", "lease", now));
            Kafka.publish(Topics.DEPLOY_EVENTS, deploymentId, new DeploymentStarted(deploymentId, backendId, 3, "local",
                    workspace, leaseId, now));
            Kafka.publish(Topics.CATALOG_EVENTS, "cp_x", new ComponentVersionPublished("cp_x", versionId, workspace,
                    "uppercase", "0.1.0-pre", true, leaseId, now));
            Kafka.publish(Topics.GATEWAY_EVENTS, fileId, new FileStored(fileId, workspace, "hello.json",
                    "application/json", 11, leaseId, now));
        }
        String unstamped = Ids.next(Ids.BACKEND);
        Kafka.publish(Topics.BACKEND_OPERATIONS, unstamped, new BackendCreated(unstamped, 0, workspace, "kept", null,
                null, List.of(), "someone", "cli", now));

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Leases.get(workspace, leaseId)
                .body("resources", hasSize(4)));
        Leases.get(workspace, leaseId)
                .body("resources.kind", containsInAnyOrder("backend", "deployment", "version", "file"))
                .body("resources.id", containsInAnyOrder(backendId, deploymentId, versionId, fileId))
                .body("resources.owner", containsInAnyOrder("operations", "deploy", "operations", "gateway"))
                .body("resources.find { it.kind == 'backend' }.id", org.hamcrest.Matchers.equalTo(backendId))
                .body("resources.find { it.kind == 'deployment' }.owner", org.hamcrest.Matchers.equalTo("deploy"));
    }

    @Test
    void handsContainerStatesToTheLiveTestsWaitingForThem() {
        List<DeployEvent> seen = new CopyOnWriteArrayList<>();
        String deploymentId = Ids.next(Ids.DEPLOYMENT);
        try (DeployEventHub.Subscription ignored = containers.subscribe(seen::add)) {
            Kafka.publish(Topics.DEPLOY_EVENTS, deploymentId, new ContainerStatusChanged(deploymentId, "ct_1", "2",
                    null, ContainerStatus.RUNNING, null, 0, null, Instant.now()));
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> seen.stream().anyMatch(c -> c.deploymentId().equals(deploymentId)));
        }
        ContainerStatusChanged running = (ContainerStatusChanged) seen.stream()
                .filter(c -> c.deploymentId().equals(deploymentId)).findFirst().orElseThrow();
        assertThat(running.status()).isEqualTo(ContainerStatus.RUNNING);
        assertThat(running.vertexId()).isEqualTo("2");
    }
}
