package dev.ppl.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.ppl.deploy.deployment.DeployRequest;
import dev.ppl.deploy.deployment.DeploymentService;
import dev.ppl.deploy.deployment.DeploymentView;
import dev.ppl.local.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** {@code ppl container logs} on the local runtime: what a process printed, its tail, and following it. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class ContainerLogsTest {
    private static final String WS = "ws_logstest";
    /** Chunked transfer is HTTP/1.1's; the JDK client would otherwise upgrade to HTTP/2, which has none. */
    private static final HttpClient HTTP_1_1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Inject
    DeploymentService deployments;

    @Test
    void showsWhatTheProcessPrintedAndItsLastLines() {
        DeploymentView d = deployments.deployGraph(WS, new DeployRequest("bk_l", "local", null, null),
                TestGraphs.script("echo one; echo two >&2; echo three; exec sleep 300"));
        String logs = "/internal/containers/" + d.containers().get(0).containerId() + "/logs";

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("X-Ppl-Workspace", WS)
                .get(logs).then().statusCode(200).body(equalTo("one\ntwo\nthree\n")));
        given().header("X-Ppl-Workspace", WS).queryParam("tail", 2).get(logs).then().body(equalTo("two\nthree\n"));
        given().header("X-Ppl-Workspace", WS).queryParam("tail", 0).get(logs).then().body(equalTo(""));
        given().header("X-Ppl-Workspace", WS).queryParam("tail", "last").get(logs).then().statusCode(400)
                .body("field", equalTo("tail"));
        given().header("X-Ppl-Workspace", "ws_other").get(logs).then().statusCode(404);
        given().header("X-Ppl-Workspace", WS).get("/internal/containers/ct_nope/logs").then().statusCode(404);

        deployments.undeploy(WS, d.deploymentId(), "client");
        given().header("X-Ppl-Workspace", WS).queryParam("tail", 1).get(logs).then().statusCode(200)
                .body(equalTo("three\n"));
    }

    @Test
    void aTailOverTheMaximumIsRefusedNamingTailBeforeTheContainerIsLookedUp() {
        given().header("X-Ppl-Workspace", WS).queryParam("tail", 10_001).get("/internal/containers/ct_nope/logs").then()
                .statusCode(400).body("field", equalTo("tail"))
                .body("detail", containsString("ppl.deploy.max-log-tail-lines"));
        given().header("X-Ppl-Workspace", WS).queryParam("tail", "99999999999999").get("/internal/containers/ct_nope/logs")
                .then().statusCode(400).body("field", equalTo("tail"));
        given().header("X-Ppl-Workspace", WS).queryParam("tail", 10_000).get("/internal/containers/ct_nope/logs").then()
                .statusCode(404);
    }

    @Test
    void a50MegabyteLogIsStreamedInChunksNotHeldAndSentAsOneBody() throws Exception {
        DeploymentView d = deployments.deployGraph(WS, new DeployRequest("bk_big", "local", null, null),
                TestGraphs.script("yes \"$(printf '%0999d' 0)\" | head -n 50000; exec sleep 300"));
        String container = d.containers().get(0).containerId();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port
                + "/internal/containers/" + container + "/logs")).header("X-Ppl-Workspace", WS).build();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<java.io.InputStream> response = HTTP_1_1.send(request,
                    HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream body = response.body()) {
                return body.transferTo(java.io.OutputStream.nullOutputStream()) == 50_000_000L;
            }
        });

        HttpResponse<java.io.InputStream> response = HTTP_1_1.send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.InputStream body = response.body()) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-length")).isEmpty();
            assertThat(response.headers().firstValue("transfer-encoding")).hasValue("chunked");
            assertThat(body.transferTo(java.io.OutputStream.nullOutputStream())).isEqualTo(50_000_000L);
        }
        deployments.undeploy(WS, d.deploymentId(), "client");
    }

    @Test
    void followingStreamsNewLinesAsTheyAreWrittenAndEndsWhenTheContainerStops() throws Exception {
        DeploymentView d = deployments.deployGraph(WS, new DeployRequest("bk_f", "local", null, null),
                TestGraphs.script("i=0; while true; do i=$((i+1)); echo tick $i; sleep 0.2; done"));
        String container = d.containers().get(0).containerId();
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port
                + "/internal/containers/" + container + "/logs?follow=true&tail=0")).header("X-Ppl-Workspace", WS).build();
        CompletableFuture<Void> followed = CompletableFuture.runAsync(() -> {
            try {
                HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request,
                        HttpResponse.BodyHandlers.ofInputStream());
                try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        seen.add(line);
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() >= 3);
        assertThat(followed).isNotDone();
        assertThat(seen).allMatch(line -> line.startsWith("tick "));
        deployments.undeploy(WS, d.deploymentId(), "client");
        followed.get(20, TimeUnit.SECONDS);
    }
}
