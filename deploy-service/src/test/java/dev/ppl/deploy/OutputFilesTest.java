package dev.ppl.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.ppl.deploy.deployment.DeployRequest;
import dev.ppl.deploy.deployment.DeploymentService;
import dev.ppl.deploy.deployment.DeploymentView;
import dev.ppl.local.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A workload's output files: written under {@code PPL_OUTPUT_DIR}, read by key, gone with the deployment. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class OutputFilesTest {
    private static final String WS = "ws_outputstest";

    @Inject
    DeploymentService deployments;
    @ConfigProperty(name = "ppl.deploy.data-dir")
    Path dataDir;

    @Test
    void aFileTheComponentWroteIsReadByItsKeyAndRemovedOnUndeploy() {
        DeploymentView d = deployments.deployGraph(WS, new DeployRequest("bk_o", "local", null, null),
                TestGraphs.script(
                        "mkdir -p \"$PPL_OUTPUT_DIR/reports\" && printf '{\"n\":1}' > \"$PPL_OUTPUT_DIR/reports/r.json\""
                                + " && exec sleep 300"));
        String id = d.deploymentId();
        String vertex = d.containers().get(0).vertexId();
        String path = "/internal/deployments/" + id + "/outputs/" + vertex + "/reports/r.json";

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("X-Ppl-Workspace", WS)
                .get(path).then().statusCode(200).body(equalTo("{\"n\":1}")));
        given().header("X-Ppl-Workspace", "ws_other").get(path).then().statusCode(404);
        given().header("X-Ppl-Workspace", WS).get("/internal/deployments/" + id + "/outputs/" + vertex + "/nothing.json")
                .then().statusCode(404).body("field", equalTo("key"));
        given().header("X-Ppl-Workspace", WS).urlEncodingEnabled(false)
                .get("/internal/deployments/" + id + "/outputs/" + vertex + "/..%2F..%2F..%2Flogs%2F"
                        + d.containers().get(0).containerId() + ".log")
                .then().statusCode(not(200));

        deployments.undeploy(WS, id, "client");
        assertThat(Files.exists(dataDir.resolve("outputs").resolve(id))).isFalse();
        given().header("X-Ppl-Workspace", WS).get(path).then().statusCode(404);
    }
}
