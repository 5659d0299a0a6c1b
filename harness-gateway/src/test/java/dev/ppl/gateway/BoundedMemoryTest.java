package dev.ppl.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.ppl.contracts.Events;
import dev.ppl.contracts.Ids;
import dev.ppl.contracts.Topics;
import dev.ppl.contracts.lease.CleanupPolicy;
import dev.ppl.contracts.lease.LeaseResourcesReleased;
import dev.ppl.contracts.lease.LeaseRolledBack;
import dev.ppl.gateway.files.FileEntity;
import dev.ppl.gateway.harness.DeploymentRoutes;
import dev.ppl.gateway.harness.StandInDeployService;
import dev.ppl.gateway.leases.StandInLeaseService;
import dev.ppl.local.testing.PlatformTestResource;
import dev.ppl.local.testing.SharedInfrastructure;
import dev.ppl.local.testing.TopicReader;
import dev.ppl.service.persistence.Db;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * What the gateway holds in memory does not grow with what tenants store: collected outputs stream into storage
 * under the upload limit, a lease's files are deleted in batches, and the deployment routing cache has a maximum.
 */
@QuarkusTest
@TestProfile(BoundedMemoryTest.Small.class)
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StandInLeaseService.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = StandInDeployService.class, restrictToAnnotatedClass = true)
class BoundedMemoryTest {
    private static final String TOKEN = "pt_gatewaytesttoken";
    private static final int UPLOAD_BODY = 3 * 1024 * 1024;

    /** A 3 MiB upload limit, cleanup batches of two files and room for two deployments' routing. */
    public static class Small implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ppl.gateway.limits.upload-body", String.valueOf(UPLOAD_BODY),
                    "ppl.gateway.limits.lease-cleanup-batch", "2", "ppl.gateway.caches.deployment-routes", "2");
        }
    }

    @ConfigProperty(name = "ppl.gateway.lease-url")
    String leaseUrl;
    @Inject
    DeploymentRoutes routes;

    @Test
    void anOutputOverTheUploadLimitIsReportedMissingNamingTheLimitAndOneUnderItIsStoredWhole() {
        String lease = Ids.next(Ids.LEASE);
        StandInLeaseService.putLease(leaseUrl, lease, "open", false);
        StandInLeaseService.putOutputs(leaseUrl, lease, List.of(
                output("small", "1048576.bin"), output("huge", (UPLOAD_BODY + 1) + ".bin")));

        var answer = given().auth().oauth2(TOKEN).contentType("application/json").body("{}")
                .post("/v1/leases/" + lease + "/collect-outputs").then().statusCode(200)
                .body("data.count", equalTo(1)).body("data.items[0].name", equalTo("small"))
                .body("data.items[0].size", equalTo(1048576)).body("data.missing[0].name", equalTo("huge"))
                .body("data.missing[0].error", containsString("ppl.gateway.limits.upload-body")).extract();

        String fileId = answer.path("data.items[0].file_id");
        given().auth().oauth2(TOKEN).get("/v1/files/" + fileId).then().statusCode(200).body("data.size", equalTo(1048576));
        assertThat(Db.tx(() -> FileEntity.count("name", "huge"))).isZero();
    }

    @Test
    void aLeaseWithMoreFilesThanOneCleanupBatchLosesThemAllAndItsReleaseNamesEach() throws Exception {
        String lease = Ids.next(Ids.LEASE);
        StandInLeaseService.putLease(leaseUrl, lease, "open", false);
        List<String> owned = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            owned.add(given().auth().oauth2(TOKEN).queryParam("name", "f" + i).queryParam("lease_id", lease)
                    .contentType("application/json").body(String.valueOf(i)).post("/v1/files").then().statusCode(201)
                    .extract().path("data.file_id"));
        }

        try (var kafka = new KafkaProducer<>(Map.<String, Object> of("bootstrap.servers",
                SharedInfrastructure.get().kafkaBootstrap()), new StringSerializer(), new ByteArraySerializer())) {
            kafka.send(new ProducerRecord<>(Topics.LEASE_EVENTS, lease, Events.CODEC.encodeBytes(new LeaseRolledBack(lease,
                    "ws", "client", CleanupPolicy.DELETE_EPHEMERAL_RESOURCES, Instant.now())))).get();
        }

        LeaseResourcesReleased ack = TopicReader.leaseAcknowledgement(Topics.GATEWAY_EVENTS, lease);
        assertThat(ack.released()).extracting(r -> r.id()).containsExactlyInAnyOrderElementsOf(owned);
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> Db.tx(() -> FileEntity.count("leaseId", lease)) == 0);
    }

    @Test
    void theDeploymentRoutingCacheKeepsNoMoreThanItsMaximum() {
        List<String> deployments = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            deployments.add(Ids.next("dp"));
        }
        deployments.forEach(d -> routes.harnessVertex("ws_bounded", d, "1", "input"));
        int before = StandInDeployService.requests();

        deployments.forEach(d -> routes.harnessVertex("ws_bounded", d, "1", "input"));

        // Two at most are still cached; every other deployment is asked for again.
        assertThat(StandInDeployService.requests() - before).isGreaterThanOrEqualTo(18);
    }

    private static Map<String, String> output(String name, String key) {
        return Map.of("name", name, "vertex", "out", "vertex_id", "2", "key", key, "deployment_id", "dp_outputs");
    }
}
