package dev.ppl.gateway.leases;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.Ids;
import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.local.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * The public lease routes against {@link StandInLeaseService}: each maps onto its internal route with the
 * caller's workspace, actor and surface, answers in the public shape ({@code {data}} for one lease, lists and
 * bulk answers as they are), passes the lease-service's refusals on unchanged, and relays the wait stream as
 * server-sent events as they arrive.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StandInLeaseService.class, restrictToAnnotatedClass = true)
class LeaseApiTest {
    private static final String TOKEN = "pt_gatewaytesttoken";

    @ConfigProperty(name = "ppl.gateway.lease-url")
    String leaseUrl;

    private static RequestSpecification api() {
        return given().auth().oauth2(TOKEN).contentType("application/json");
    }

    private String lease(String state) {
        String id = Ids.next(Ids.LEASE);
        StandInLeaseService.putLease(leaseUrl, id, state, false);
        return id;
    }

    @ParameterizedTest
    @CsvSource({ "GET, /v1/leases", "DELETE, /v1/leases/ls_1", "POST, /v1/leases/ls_1/promote",
            "POST, /v1/leases/rollback-bulk", "POST, /v1/leases/delete-bulk", "GET, /v1/leases/ls_1/debug",
            "PUT, /v1/leases/ls_1/result", "GET, /v1/leases/ls_1/wait" })
    void everyLeaseRouteNeedsAValidToken(String method, String path) {
        int before = StandInLeaseService.received(leaseUrl).size();
        given().contentType("application/json").body("{}").request(method, path).then().statusCode(401)
                .contentType("application/problem+json").body("field", equalTo("Authorization"));
        given().auth().oauth2("pt_notatoken").contentType("application/json").body("{}").request(method, path).then()
                .statusCode(401);
        assertThat(StandInLeaseService.received(leaseUrl)).hasSize(before);
    }

    @Test
    void aBackendOrAVersionIsNeverStampedWithAClosedOrUnknownLease() {
        String closed = lease("rolled_back");
        api().body("{\"name\":\"b\",\"lease_id\":\"" + closed + "\"}").post("/v1/backends").then().statusCode(409)
                .contentType("application/problem+json").body("field", equalTo("lease_id"));
        api().body("{\"name\":\"b\",\"lease_id\":\"ls_unknown\"}").post("/v1/backends").then().statusCode(404)
                .body("field", equalTo("lease_id"));
        api().body("{\"descriptor\":{},\"prerelease\":true,\"lease_id\":\"" + closed + "\"}")
                .post("/v1/components/versions").then().statusCode(409).body("field", equalTo("lease_id"));
    }

    @Test
    void listPassesEveryFilterOnAndAnswersCountAndItemsAsTheyAre() {
        String id = lease("open");
        api().header("X-Ppl-Surface", "cli").queryParam("label", "nightly run").queryParam("state", "open")
                .queryParam("runtime", "local").queryParam("failed", "true").get("/v1/leases").then().statusCode(200)
                .body("$", not(hasKey("data")))
                .body("items.lease_id", hasItem(id))
                .body("count", greaterThanOrEqualTo(1));
        JsonNode call = StandInLeaseService.last(leaseUrl);
        assertThat(call.path("method").asText()).isEqualTo("GET");
        assertThat(call.path("path").asText()).isEqualTo("/internal/leases");
        assertThat(call.path("query").asText()).isEqualTo("label=nightly+run&state=open&runtime=local&failed=true");
        assertThat(call.path("headers").path("x-ppl-surface").asText()).isEqualTo("cli");
        assertThat(call.path("headers").path("x-ppl-actor").asText()).startsWith("token:").doesNotContain(TOKEN);
    }

    @Test
    void deleteIs204ForAClosedLeaseAndTheLeaseServicesRefusalsPassThrough() {
        String closed = lease("rolled_back");
        api().delete("/v1/leases/" + closed).then().statusCode(204).body(equalTo(""));
        assertThat(StandInLeaseService.last(leaseUrl).path("method").asText()).isEqualTo("DELETE");
        assertThat(StandInLeaseService.last(leaseUrl).path("path").asText()).isEqualTo("/internal/leases/" + closed);

        api().delete("/v1/leases/" + lease("open")).then().statusCode(409).contentType("application/problem+json")
                .body("field", equalTo("state")).body("detail", containsString("is open"));
        api().delete("/v1/leases/ls_unknown").then().statusCode(404).contentType("application/problem+json")
                .body("title", equalTo("Not found")).body("detail", containsString("ls_unknown"));
    }

    @Test
    void promotePassesKindAndIdOnAndAnswersTheLeaseInData() throws Exception {
        String id = lease("open");
        api().body("{\"kind\": \"file\", \"id\": \"fl_keep\"}").post("/v1/leases/" + id + "/promote").then()
                .statusCode(200).body("data.lease_id", equalTo(id))
                .body("data.resources[0].id", equalTo("fl_keep"))
                .body("data.resources[0].promoted", equalTo(true));
        JsonNode call = StandInLeaseService.last(leaseUrl);
        assertThat(call.path("path").asText()).isEqualTo("/internal/leases/" + id + "/promote");
        assertThat(call.path("body")).isEqualTo(JsonCodec.mapper().readTree("{\"kind\": \"file\", \"id\": \"fl_keep\"}"));

        api().body("{\"kind\": \"file\", \"id\": \"fl_keep\"}").post("/v1/leases/" + lease("committed") + "/promote")
                .then().statusCode(409).contentType("application/problem+json").body("field", equalTo("state"));
        int before = StandInLeaseService.received(leaseUrl).size();
        api().body("[\"file\"]").post("/v1/leases/" + id + "/promote").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("body"));
        assertThat(StandInLeaseService.received(leaseUrl)).hasSize(before);
    }

    @Test
    void bulkAnswersPassThroughAsTheyAreAndAnEmptyFilterIsTheLeaseServicesToRefuse() throws Exception {
        String open = lease("open");
        String body = "{\"older_than\": \"24h\", \"failed\": true, \"runtime\": \"local\", \"label_prefix\": \"nightly-\", "
                + "\"dry_run\": true}";
        api().body(body).post("/v1/leases/rollback-bulk").then().statusCode(200)
                .body("$", not(hasKey("data")))
                .body("dry_run", equalTo(true))
                .body("items.lease_id", hasItem(open));
        assertThat(StandInLeaseService.last(leaseUrl).path("path").asText()).isEqualTo("/internal/leases/rollback-bulk");
        assertThat(StandInLeaseService.last(leaseUrl).path("body")).isEqualTo(JsonCodec.mapper().readTree(body));

        String closed = lease("failed");
        api().body("{\"status\": \"failed\", \"closed_before\": \"1h\"}").post("/v1/leases/delete-bulk").then()
                .statusCode(200).body("dry_run", equalTo(false))
                .body("items.lease_id", hasItem(closed))
                .body("count", greaterThanOrEqualTo(1));
        assertThat(StandInLeaseService.last(leaseUrl).path("path").asText()).isEqualTo("/internal/leases/delete-bulk");

        for (String path : List.of("/v1/leases/rollback-bulk", "/v1/leases/delete-bulk")) {
            api().body("{}").post(path).then().statusCode(400).contentType("application/problem+json")
                    .body("field", equalTo("filter"));
            api().post(path).then().statusCode(400).body("field", equalTo("filter"));
        }
    }

    @Test
    void debugAnswersTheBundleInData() {
        String id = lease("failed");
        api().get("/v1/leases/" + id + "/debug").then().statusCode(200)
                .body("data.lease.lease_id", equalTo(id))
                .body("data", hasKey("deployment"))
                .body("data.errors[0]", startsWith("no backend"));
        assertThat(StandInLeaseService.last(leaseUrl).path("path").asText()).isEqualTo("/internal/leases/" + id + "/debug");
    }

    @Test
    void setResultPutsStatusAndResultAndAnswersTheLeaseInData() throws Exception {
        String id = lease("open");
        String body = "{\"status\": \"failed\", \"result\": {\"cases\": 2, \"failed\": [\"upper\"]}}";
        api().header("X-Ppl-Surface", "cli").body(body).put("/v1/leases/" + id + "/result").then().statusCode(200)
                .body("data.lease_id", equalTo(id))
                .body("data.result_status", equalTo("failed"))
                .body("data.result.cases", equalTo(2));
        JsonNode call = StandInLeaseService.last(leaseUrl);
        assertThat(call.path("method").asText()).isEqualTo("PUT");
        assertThat(call.path("path").asText()).isEqualTo("/internal/leases/" + id + "/result");
        assertThat(call.path("body")).isEqualTo(JsonCodec.mapper().readTree(body));
        assertThat(call.path("headers").path("x-ppl-surface").asText()).isEqualTo("cli");

        api().body(body).put("/v1/leases/ls_unknown/result").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void waitRelaysEachLineAsOneEventAsItArrivesAndEndsWithTheInternalStream() throws Exception {
        String id = Ids.next(Ids.LEASE);
        StandInLeaseService.putLease(leaseUrl, id, "open", true);
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create("http://localhost:" + RestAssured.port + "/v1/leases/" + id
                        + "/wait?until=started&max_crashes=2&timeout=90s"))
                .header("Authorization", "Bearer " + TOKEN).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("text/event-stream");

        BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (Stream<String> body = response.body()) {
                Iterator<String> it = body.iterator();
                while (it.hasNext()) {
                    lines.add(Optional.of(it.next()));
                }
            } finally {
                lines.add(Optional.empty());
            }
        });
        reader.start();

        // The stand-in holds the rest of its stream until released: the first event must be through already.
        JsonNode waiting = event(lines.poll(20, TimeUnit.SECONDS));
        assertThat(waiting.path("type").asText()).isEqualTo("waiting");
        assertThat(lines.poll(5, TimeUnit.SECONDS)).contains("");
        JsonNode call = StandInLeaseService.last(leaseUrl);
        assertThat(call.path("path").asText()).isEqualTo("/internal/leases/" + id + "/wait");
        assertThat(call.path("query").asText()).isEqualTo("until=started&max_crashes=2&timeout=90s");
        assertThat(call.path("headers").path("accept").asText()).isEqualTo("application/x-ndjson");
        assertThat(lines.poll(300, TimeUnit.MILLISECONDS)).as("nothing more before the release").isNull();

        StandInLeaseService.release(leaseUrl, id);
        assertThat(event(lines.poll(20, TimeUnit.SECONDS)).path("type").asText()).isEqualTo("deployment");
        assertThat(lines.poll(5, TimeUnit.SECONDS)).contains("");
        JsonNode last = event(lines.poll(20, TimeUnit.SECONDS));
        assertThat(last.path("type").asText()).isEqualTo("started");
        assertThat(last.path("deployment_id").asText()).isEqualTo("dp_standin");
        assertThat(lines.poll(5, TimeUnit.SECONDS)).contains("");
        assertThat(lines.poll(20, TimeUnit.SECONDS)).as("the stream ends after the internal one").isEmpty();
        reader.join(5_000);
    }

    @Test
    void aWaitTheLeaseServiceRefusesIsItsProblemNotAStream() {
        given().auth().oauth2(TOKEN).accept("text/event-stream").get("/v1/leases/ls_unknown/wait").then().statusCode(404)
                .contentType("application/problem+json").body("title", equalTo("Not found"))
                .body("detail", containsString("ls_unknown"));
        given().auth().oauth2(TOKEN).accept("text/event-stream").queryParam("until", "soon")
                .get("/v1/leases/" + lease("open") + "/wait").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("until"))
                .body("detail", containsString("soon"));
    }

    private static JsonNode event(Optional<String> line) throws Exception {
        assertThat(line).as("an event line in time").isNotNull();
        assertThat(line).isPresent();
        assertThat(line.get()).startsWith("data: ");
        return JsonCodec.mapper().readTree(line.get().substring("data: ".length()));
    }
}
