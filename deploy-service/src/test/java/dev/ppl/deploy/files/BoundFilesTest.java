package dev.ppl.deploy.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.ppl.deploy.OwnPortAsStandIns;
import dev.ppl.deploy.TestGraphs;
import dev.ppl.deploy.deployment.DeployRequest;
import dev.ppl.deploy.deployment.DeploymentService;
import dev.ppl.deploy.deployment.DeploymentView;
import dev.ppl.local.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Files bound to a workload's slots on the local runtime: fetched through their signed URLs before the
 * process starts, found at {@code $PPL_FILES_DIR/<slot>}, removed with the container; a file that cannot be
 * fetched keeps the component from starting and says which.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OwnPortAsStandIns.class, restrictToAnnotatedClass = false)
class BoundFilesTest {
    private static final String WS = "ws_filestest";

    @Inject
    DeploymentService deployments;

    @Test
    void theProcessFindsEachBoundFileUnderItsSlotInPplFilesDir() throws Exception {
        DeploymentView d = deployments.deployGraph(WS, new DeployRequest("bk_files", "local", null, null),
                TestGraphs.bind(TestGraphs.bind(
                        TestGraphs.script("cat \"$PPL_FILES_DIR/weights\"; echo; cat \"$PPL_FILES_DIR/labels\"; echo; "
                                + "exec sleep 300"),
                        "weights", "fl_weights"), "labels", "fl_labels"));
        String container = d.containers().get(0).containerId();
        Path log = Path.of("target/ppl-data/logs", container + ".log");

        Awaitility.await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(log).content().isEqualTo("content of fl_weights\ncontent of fl_labels\n"));
        Path files = Path.of("target/ppl-data/files", container);
        assertThat(files.resolve("weights")).hasContent("content of fl_weights");

        deployments.undeploy(WS, d.deploymentId(), "client");
        assertThat(Files.exists(files)).as("the container's files go with it").isFalse();
    }

    @Test
    void aFileTheGatewayDoesNotHaveFailsTheDeploymentNamingTheFileAndSlot() {
        DeploymentView d = deployments.deployGraph(WS, new DeployRequest("bk_files_missing", "local", null, null),
                TestGraphs.bind(TestGraphs.script("exec sleep 300"), "weights", "fl_missing"));
        String container = d.containers().get(0).containerId();

        DeploymentView failed = deployments.view(WS, d.deploymentId());
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.message()).isEqualTo("container " + container + " (vertex 2) cannot start: file fl_missing "
                + "(slot weights) could not be fetched: HTTP 404 from the gateway");
        deployments.undeploy(WS, d.deploymentId(), "client");
    }
}
