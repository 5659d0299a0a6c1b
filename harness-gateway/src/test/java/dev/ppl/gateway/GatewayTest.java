package dev.ppl.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

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
import dev.ppl.gateway.auth.Workspaces;
import dev.ppl.gateway.files.FileEntity;
import dev.ppl.gateway.harness.HarnessProducer;
import dev.ppl.gateway.harness.TopicTail;
import dev.ppl.gateway.leases.StandInLeaseService;
import dev.ppl.local.testing.PlatformTestResource;
import dev.ppl.local.testing.SharedInfrastructure;
import dev.ppl.local.testing.TopicReader;
import dev.ppl.service.persistence.Db;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The public API's perimeter, files, lease cleanup and the harness data plane, on real Kafka and PostgreSQL;
 * the leases that files are stamped with are {@link StandInLeaseService}'s.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StandInLeaseService.class, restrictToAnnotatedClass = true)
class GatewayTest {
    private static final String TOKEN = "pt_gatewaytesttoken";

    @ConfigProperty(name = "ppl.gateway.lease-url")
    String leaseUrl;

    @Inject
    Workspaces workspaces;
    @Inject
    HarnessProducer producer;

    @Test
    void aCallWithoutATokenIsRefusedWith401AndStoresNothing() {
        long before = files();
        given().queryParam("name", "x").body("{}".getBytes(StandardCharsets.UTF_8)).contentType("application/json")
                .post("/v1/files").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer").body("field", equalTo("Authorization"));
        given().get("/v1/leases").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2("pt_notatoken").get("/v1/leases").then().statusCode(401);
        assertThat(files()).isEqualTo(before);
    }

    @Test
    void anotherWorkspacesTokenCannotSeeAFileAndGetsTheSameAnswerAsForAMissingOne() {
        String other = "pt_" + Ids.next("x");
        workspaces.addToken(workspaces.ensure("other-" + other).id, other);
        String fileId = upload(TOKEN, "fixture", "\"hello\"", null);

        String foreign = given().auth().oauth2(other).get("/v1/files/" + fileId).then().statusCode(404)
                .contentType("application/problem+json").extract().path("title");
        String missing = given().auth().oauth2(other).get("/v1/files/fl_doesnotexist").then().statusCode(404)
                .extract().path("title");
        assertThat(foreign).isEqualTo(missing);
        given().auth().oauth2(other).get("/v1/files/" + fileId + "/content").then().statusCode(404);
        given().auth().oauth2(TOKEN).get("/v1/files/" + fileId + "/content").then().statusCode(200)
                .body(equalTo("\"hello\""));
    }

    @Test
    void aFileNeedsANameAndABody() {
        given().auth().oauth2(TOKEN).contentType("application/json").body("{}").post("/v1/files").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("name"));
        given().auth().oauth2(TOKEN).queryParam("name", "empty").contentType("application/json").body(new byte[0])
                .post("/v1/files").then().statusCode(400).body("field", equalTo("body"));
    }

    @Test
    void aRolledBackLeaseLosesItsFilesAndNoOneElses() throws Exception {
        String lease = Ids.next(Ids.LEASE);
        String owned = upload(TOKEN, "owned", "1", lease);
        String kept = upload(TOKEN, "kept", "2", Ids.next(Ids.LEASE));

        try (var kafka = new KafkaProducer<>(Map.<String, Object> of("bootstrap.servers",
                SharedInfrastructure.get().kafkaBootstrap()), new StringSerializer(), new ByteArraySerializer())) {
            kafka.send(new ProducerRecord<>(Topics.LEASE_EVENTS, lease, Events.CODEC.encodeBytes(new LeaseRolledBack(lease,
                    "ws", "client", CleanupPolicy.DELETE_EPHEMERAL_RESOURCES, Instant.now())))).get();
        }

        Awaitility.await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth().oauth2(TOKEN).get("/v1/files/" + owned).then().statusCode(404));
        given().auth().oauth2(TOKEN).get("/v1/files/" + kept).then().statusCode(200);
        LeaseResourcesReleased ack = TopicReader.leaseAcknowledgement(Topics.GATEWAY_EVENTS, lease);
        assertThat(ack.owner()).isEqualTo("gateway");
        assertThat(ack.released()).extracting(r -> r.id()).containsExactly(owned);
    }

    @Test
    void theOutputHarnessSeesRecordsWrittenAfterItOpenedAndNoneFromBefore() throws Exception {
        String topic = "ppl.data.test." + Ids.next("t");
        producer.send(List.of(topic), "String", "\"before\"".getBytes(StandardCharsets.UTF_8));
        Instant opened = Instant.now().plusMillis(1);
        Awaitility.await().until(() -> Instant.now().isAfter(opened));
        List<String> frames = new CopyOnWriteArrayList<>();
        try (TopicTail tail = new TopicTail(SharedInfrastructure.get().kafkaBootstrap(), topic, opened,
                record -> frames.add(new String(record.value(), StandardCharsets.UTF_8)))) {
            producer.send(List.of(topic), "String", "\"after\"".getBytes(StandardCharsets.UTF_8));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !frames.isEmpty());
            assertThat(frames).containsExactly("\"after\"");
        }
    }

    @Test
    void theInputHarnessRefusesAPostWithoutItsToken() {
        given().contentType("application/json").body("\"x\"").post("/endpoints/in/dp_x/1").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2("et_wrong").contentType("application/json").body("\"x\"").post("/endpoints/in/dp_x/1").then()
                .statusCode(401);
    }

    /** Uploads a file, stamped with {@code lease} (made an open lease of the stand-in first) unless null. */
    private String upload(String token, String name, String body, String lease) {
        var request = given().auth().oauth2(token).queryParam("name", name).contentType("application/json").body(body);
        if (lease != null) {
            StandInLeaseService.putLease(leaseUrl, lease, "open", false);
            request.queryParam("lease_id", lease);
        }
        return request.post("/v1/files").then().statusCode(201).extract().path("data.file_id");
    }

    private static long files() {
        return Db.tx(() -> FileEntity.count());
    }

}
