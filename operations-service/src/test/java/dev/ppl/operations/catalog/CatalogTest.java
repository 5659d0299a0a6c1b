package dev.ppl.operations.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.Events;
import dev.ppl.contracts.Ids;
import dev.ppl.contracts.Topics;
import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.contracts.lease.CleanupPolicy;
import dev.ppl.contracts.lease.LeaseRolledBack;
import dev.ppl.local.testing.PlatformTestResource;
import dev.ppl.local.testing.SharedInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * The catalog on a real PostgreSQL (and Kafka for its events): publishing a whole {@code component.yml}, refusing
 * what is wrong with it without storing anything, the six built-in harness components, the paged lean list and the
 * versions of a component. Every test works in a fresh workspace, so the only components it sees besides its own are
 * the built-ins.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class CatalogTest {
    private static final int BUILT_INS = 6;
    private static final int PAGE = 20;

    private final String workspace = Ids.next(Ids.WORKSPACE);
    private final String tag = Ids.next("c").substring(2, 10);

    // --- refusals: each names its field and stores nothing --------------------------------------------------------

    @Test
    void aPortTypeThatIsNotAPipelangTypeIsRefusedNamingThePort() {
        refusedAndNothingStored(d -> d.put("inputs", List.of(port("in", "Strng"))), "inputs[0].type");
        refusedAndNothingStored(d -> d.put("outputs", List.of(port("a", "String"), port("b", "[String"))),
                "outputs[1].type");
        refusedAndNothingStored(d -> d.put("outputs", List.of(port("a", "Polygon<Double"))), "outputs[0].type");
    }

    @Test
    void aBlankPortTypeIsRefusedNamingThePortItIsOn() {
        refusedAndNothingStored(d -> d.put("outputs", List.of(port("a", "String"), port("b", ""))), "outputs[1].type");
    }

    @Test
    void aConfigTypeThatIsNotAPipelangTypeIsRefusedNamingTheParameter() {
        refusedAndNothingStored(d -> d.put("config_schema", Map.of("threshold", Map.of("type", "Dubble"))),
                "config_schema.threshold.type");
        refusedAndNothingStored(d -> d.put("config_schema", Map.of("threshold", Map.of("type", ""))),
                "config_schema.threshold.type");
    }

    @Test
    void aDefaultThatIsNotALiteralIsRefusedNamingTheParametersDefault() {
        refusedAndNothingStored(
                d -> d.put("config_schema", Map.of("threshold", Map.of("type", "Double", "default", "0.5.1"))),
                "config_schema.threshold.default");
        refusedAndNothingStored(d -> d.put("config_schema", Map.of("label", Map.of("type", "String", "default", "hi"))),
                "config_schema.label.default");
    }

    @Test
    void aDefaultThatDoesNotHaveItsParametersTypeIsRefusedNamingTheParametersDefault() {
        // An Int literal is not a Double: config values never change meaning by coercion.
        refusedAndNothingStored(d -> d.put("config_schema", Map.of("threshold", Map.of("type", "Double", "default", "1"))),
                "config_schema.threshold.default");
        refusedAndNothingStored(
                d -> d.put("config_schema", Map.of("labels", Map.of("type", "[String]", "default", "[\"a\", 2]"))),
                "config_schema.labels.default");
    }

    @Test
    void aSecretParameterWithADefaultIsRefusedNamingItsDefault() {
        refusedAndNothingStored(
                d -> d.put("config_schema", Map.of("token", Map.of("type", "String", "secret", true, "default", "\"x\""))),
                "config_schema.token.default");
    }

    @Test
    void aFileSlotWithoutFileTypesIsRefusedNamingTheSlotsTypes() {
        refusedAndNothingStored(d -> d.put("file_schema", Map.of("weights", Map.of("types", List.of()))),
                "file_schema.weights.types");
        refusedAndNothingStored(d -> d.put("file_schema", Map.of("weights", Map.of("description", "the model"))),
                "file_schema.weights.types");
        refusedAndNothingStored(d -> d.put("file_schema", Map.of("weights", Map.of("types", List.of("onnx", " ")))),
                "file_schema.weights.types[1]");
    }

    @Test
    void resourcesThatAreNoKubernetesQuantitiesAreRefusedNamingTheResource() {
        refusedAndNothingStored(d -> d.put("resources", Map.of("cpu", "half a core")), "resources.cpu");
        refusedAndNothingStored(d -> d.put("resources", Map.of("memory", "256MB")), "resources.memory");
        refusedAndNothingStored(d -> d.put("resources", Map.of("gpus", -1)), "resources.gpus");
    }

    @Test
    void anEndpointNameDeclaredTwiceIsRefusedNamingTheSecondOne() {
        refusedAndNothingStored(d -> d.put("endpoints", List.of(Map.of("name", "preview", "kind", "websocket"),
                Map.of("name", "metrics", "kind", "http_post"), Map.of("name", "preview", "kind", "http_post"))),
                "endpoints[2].name");
    }

    @Test
    void aServiceListedTwiceInDependsOnIsRefusedNamingTheSecondOne() {
        refusedAndNothingStored(d -> d.put("depends_on", List.of(Map.of("name", "triton"), Map.of("name", "triton",
                "config", Map.of("model", "b")))), "depends_on[1].name");
    }

    @Test
    void aBlankVersionIsRefusedNamingVersion() {
        refusedAndNothingStored(d -> d.put("version", " "), "version");
        refusedAndNothingStored(d -> d.remove("version"), "version");
    }

    @Test
    void aWrongJsonShapeIsRefusedNamingWhereItIs() {
        refusedAndNothingStored(d -> d.put("inputs", "String"), "inputs");
        refusedAndNothingStored(d -> d.put("local", Map.of("command", List.of())), "local.command");
    }

    @Test
    void theSameVersionPublishedTwiceIsAConflictNamingVersionAndKeepsTheFirst() {
        String name = "twice-" + tag;
        String first = publish(descriptor(name, "1.0.0"), false, null).statusCode(201).extract().path("id");
        String componentId = componentId(first);

        Map<String, Object> again = descriptor(name, "1.0.0");
        again.put("description", "a different build of the same version");
        refused(publish(again, false, null), 409, "version");

        given().header("X-Ppl-Workspace", workspace).get("/internal/components/" + componentId + "/versions").then()
                .statusCode(200).body("$", hasSize(1)).body("[0].id", equalTo(first))
                .body("[0].tags", equalTo(List.of("latest")));
        // Another workspace has its own names.
        publishIn(Ids.next(Ids.WORKSPACE), descriptor(name, "1.0.0"), false, null).statusCode(201);
    }

    @Test
    void versionsAreListedNewestFirstAPageAtATimeAndALimitAboveTheMaximumIsRefused() {
        String name = "paged-" + tag;
        String first = publish(descriptor(name, "1.0.0"), false, null).statusCode(201).extract().path("id");
        String second = publish(descriptor(name, "1.0.1"), false, null).statusCode(201).extract().path("id");
        String componentId = componentId(first);
        String versions = "/internal/components/" + componentId + "/versions";

        given().header("X-Ppl-Workspace", workspace).queryParam("limit", 1).get(versions).then().statusCode(200)
                .body("$", hasSize(1)).body("[0].id", equalTo(second));
        given().header("X-Ppl-Workspace", workspace).queryParam("offset", 1).get(versions).then().statusCode(200)
                .body("$", hasSize(1)).body("[0].id", equalTo(first));
        refused(given().header("X-Ppl-Workspace", workspace).queryParam("limit", 501).get(versions).then(), 400, "limit");
    }

    @Test
    void aPrereleaseInsideALeaseMayRepeatAVersionBecauseEveryLeaseRunPublishesItsWorkingDirectoryAgain() {
        String name = "leased-" + tag;
        publish(descriptor(name, "0.1.0"), false, null).statusCode(201);
        String one = publish(descriptor(name, "0.1.0"), true, Ids.next(Ids.LEASE)).statusCode(201).extract().path("id");
        String two = publish(descriptor(name, "0.1.0"), true, Ids.next(Ids.LEASE)).statusCode(201).extract().path("id");

        assertThat(versionsOf(componentId(one))).extracting(v -> v.get("id").asText()).startsWith(two, one).hasSize(3);
        refused(publish(descriptor(name, "0.1.0"), false, null), 409, "version");
    }

    @Test
    void aNameOfABuiltInHarnessComponentCannotBePublishedInAWorkspace() {
        refused(publish(descriptor("Input Image HTTP", "9.0.0"), false, null), 409, "name");
        refused(publish(descriptor("output json http", "9.0.0"), false, null), 409, "name");
        given().header("X-Ppl-Workspace", workspace).get("/internal/components/by-name/Input Image HTTP/latest").then()
                .statusCode(200).body("id", equalTo("cv_builtininputimage1")).body("workspace_id", equalTo("_builtin"));
    }

    @Test
    void aHarnessComponentCannotBePublished() {
        Map<String, Object> d = descriptor("my-harness-" + tag, "1.0.0");
        d.put("harness", "input");
        refused(publish(d, false, null), 400, "harness");
        assertThat(count("my-harness-" + tag)).isZero();
    }

    @Test
    void concurrentPublishesOfANewComponentAllLandButOneVersionStringIsReleasedOnlyOnce() throws Exception {
        String name = "racing-" + tag;
        List<java.util.concurrent.Future<Integer>> distinct = new ArrayList<>();
        List<java.util.concurrent.Future<Integer>> same = new ArrayList<>();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < 6; i++) {
                String version = "1.0." + i;
                distinct.add(pool.submit(() -> publish(descriptor(name, version), false, null).extract().statusCode()));
            }
            for (int i = 0; i < 6; i++) {
                same.add(pool.submit(() -> publish(descriptor(name, "2.0.0"), false, null).extract().statusCode()));
            }
            List<Integer> distinctStatus = new ArrayList<>();
            for (var f : distinct) {
                distinctStatus.add(f.get());
            }
            List<Integer> sameStatus = new ArrayList<>();
            for (var f : same) {
                sameStatus.add(f.get());
            }
            assertThat(distinctStatus).containsOnly(201);
            assertThat(sameStatus).containsOnly(201, 409).containsOnlyOnce(201);
        } finally {
            pool.shutdownNow();
        }
        JsonNode listed = list(workspace, "query", name);
        assertThat(listed.get("count").asInt()).isEqualTo(1);
        JsonNode versions = versionsOf(listed.at("/items/0/component_id").asText());
        assertThat(versions).hasSize(7);
        assertThat(versions).filteredOn(v -> v.get("tags").size() > 0).hasSize(1);
    }

    // --- what is stored -------------------------------------------------------------------------------------------

    @Test
    void aWholeComponentYmlIsKeptAsPublished() {
        Map<String, Object> d = descriptor("whole-" + tag, "2.3.4");
        d.put("inputs", List.of(port("frame", "Image"), port("hints", "[{label: String, score: Double}]")));
        d.put("outputs", List.of(port("boxes", "[BoundingBox]"), port("outline", "Polygon<Double>"), port("echo", "t")));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("threshold", Map.of("type", "Double", "default", "0.5", "description", "minimum score"));
        config.put("labels", Map.of("type", "[String]", "default", "[\"cat\", \"dog\"]"));
        config.put("token", Map.of("type", "String", "secret", true));
        config.put("anything", Map.of("type", "t", "default", "(1, \"x\")"));
        d.put("config_schema", config);
        d.put("file_schema", Map.of("weights", Map.of("types", List.of("onnx", "safetensors"), "description", "model")));
        d.put("endpoints", List.of(Map.of("name", "preview", "kind", "websocket")));
        d.put("depends_on", List.of(Map.of("name", "triton", "config", Map.of("model", "yolo")), Map.of("name", "redis")));
        d.put("image", "registry.local/whole:2.3.4");

        String id = publish(d, false, null).statusCode(201).body("name", equalTo("whole-" + tag))
                .body("version", equalTo("2.3.4")).extract().path("id");

        JsonNode stored = version(id).get("descriptor");
        assertThat(stored.at("/inputs/1/type").asText()).isEqualTo("[{label: String, score: Double}]");
        assertThat(stored.at("/outputs/0/type").asText()).isEqualTo("[BoundingBox]");
        assertThat(stored.at("/config_schema/threshold/default").asText()).isEqualTo("0.5");
        assertThat(stored.at("/config_schema/token/secret").asBoolean()).isTrue();
        assertThat(stored.at("/config_schema/token/default").isMissingNode()).isTrue();
        assertThat(stored.at("/file_schema/weights/types")).extracting(JsonNode::asText)
                .containsExactly("onnx", "safetensors");
        assertThat(stored.at("/endpoints/0/name").asText()).isEqualTo("preview");
        assertThat(stored.at("/depends_on/0/config/model").asText()).isEqualTo("yolo");
        assertThat(stored.at("/depends_on/1/name").asText()).isEqualTo("redis");
        assertThat(stored.at("/image").asText()).isEqualTo("registry.local/whole:2.3.4");
        assertThat(stored.at("/local/command/0").asText()).isEqualTo("true");
    }

    @Test
    void theSixBuiltInHarnessComponentsAreListedForEveryWorkspaceWithTheirTypes() {
        String other = Ids.next(Ids.WORKSPACE);
        JsonNode inputs = list(other, "query", "input");
        JsonNode outputs = list(other, "query", "OUTPUT");
        assertThat(inputs.get("count").asInt()).isEqualTo(4);
        assertThat(outputs.get("count").asInt()).isEqualTo(2);
        List<JsonNode> all = new ArrayList<>();
        inputs.get("items").forEach(all::add);
        outputs.get("items").forEach(all::add);
        assertThat(all).extracting(i -> i.get("name").asText()).containsExactlyInAnyOrder("Input Image HTTP",
                "Input JSON HTTP", "Input Audio HTTP", "Input NumPy HTTP", "Output JSON HTTP", "Output Image HTTP");
        for (JsonNode item : all) {
            assertThat(item.get("harness").asText()).isEqualTo(item.get("name").asText().startsWith("Input") ? "input"
                    : "output");
        }

        // Each one's latest version, with the port type and endpoint a harness vertex is wired by.
        builtIn(other, "Input Image HTTP", "cv_builtininputimage1", "input", "outputs", "Image", "http_post");
        builtIn(other, "Input JSON HTTP", "cv_builtininputjson1", "input", "outputs", "t", "http_post");
        builtIn(other, "Input Audio HTTP", "cv_builtininputaudio1", "input", "outputs", "AudioFrame", "http_post");
        builtIn(other, "Input NumPy HTTP", "cv_builtininputnumpy1", "input", "outputs", "Tensor", "http_post");
        builtIn(other, "Output JSON HTTP", "cv_builtinoutputjson1", "output", "inputs", "t", "websocket");
        builtIn(other, "Output Image HTTP", "cv_builtinoutputimage1", "output", "inputs", "Image", "websocket");
    }

    @Test
    void theLeanListAnswersAtMostTwentyRecordsAPageAndCountsEveryMatch() {
        String prefix = "paged-" + tag + "-";
        for (int i = 0; i < 25; i++) {
            publish(descriptor(prefix + String.format("%02d", i), "1.0.0"), false, null).statusCode(201);
        }

        JsonNode first = list(workspace, "query", prefix);
        assertThat(first.get("count").asInt()).isEqualTo(25);
        assertThat(first.get("offset").asInt()).isZero();
        assertThat(first.get("limit").asInt()).isEqualTo(PAGE);
        assertThat(first.get("items")).hasSize(PAGE);
        assertThat(first.at("/items/0/name").asText()).isEqualTo(prefix + "00");
        JsonNode second = list(workspace, "query", prefix, "offset", "20");
        assertThat(second.get("count").asInt()).isEqualTo(25);
        assertThat(second.get("items")).extracting(i -> i.get("name").asText()).containsExactly(prefix + "20",
                prefix + "21", prefix + "22", prefix + "23", prefix + "24");
        assertThat(second.at("/items/0/latest_version_id").asText()).startsWith("cv_");
        assertThat(list(workspace, "query", prefix, "offset", "25").get("items")).isEmpty();

        // Unfiltered: the workspace's 25 and the built-ins, page by page, each exactly once.
        JsonNode unfiltered = list(workspace);
        assertThat(unfiltered.get("count").asInt()).isEqualTo(25 + BUILT_INS);
        assertThat(unfiltered.get("items")).hasSize(PAGE);
        List<String> seen = new ArrayList<>();
        for (int offset = 0; offset < 25 + BUILT_INS; offset += PAGE) {
            list(workspace, "offset", String.valueOf(offset)).get("items").forEach(i -> seen.add(i.get("name").asText()));
        }
        assertThat(seen).hasSize(25 + BUILT_INS).doesNotHaveDuplicates().contains(prefix + "00", prefix + "24",
                "Input Image HTTP", "Output JSON HTTP");

        // A larger limit is capped at the page size; a smaller one is honoured.
        JsonNode capped = list(workspace, "limit", "100");
        assertThat(capped.get("limit").asInt()).isEqualTo(PAGE);
        assertThat(capped.get("items")).hasSize(PAGE);
        assertThat(list(workspace, "query", prefix, "limit", "3").get("items")).hasSize(3);
    }

    @Test
    void aQueryFindsAComponentBeyondTheFirstPageWhateverTheCase() {
        for (int i = 0; i < 22; i++) {
            publish(descriptor("aa-filler-" + tag + "-" + String.format("%02d", i), "1.0.0"), false, null)
                    .statusCode(201);
        }
        String needle = "zz-needle-" + tag;
        String id = publish(descriptor(needle, "1.0.0"), false, null).statusCode(201).extract().path("id");

        JsonNode firstPage = list(workspace);
        assertThat(firstPage.get("count").asInt()).isGreaterThan(PAGE);
        assertThat(firstPage.get("items")).extracting(i -> i.get("name").asText()).doesNotContain(needle);

        JsonNode found = list(workspace, "query", "NEEDLE-" + tag.toUpperCase());
        assertThat(found.get("count").asInt()).isEqualTo(1);
        assertThat(found.at("/items/0/name").asText()).isEqualTo(needle);
        assertThat(found.at("/items/0/latest_version_id").asText()).isEqualTo(id);
        // Wildcards in the query are plain characters.
        assertThat(list(workspace, "query", "%").get("count").asInt()).isZero();
    }

    @Test
    void offsetAndLimitMustBeWholeNumbersOfZeroOrMore() {
        refused(given().header("X-Ppl-Workspace", workspace).queryParam("offset", "-1").get("/internal/components").then(),
                400, "offset");
        refused(given().header("X-Ppl-Workspace", workspace).queryParam("limit", "many").get("/internal/components")
                .then(), 400, "limit");
    }

    @Test
    void theVersionsOfAComponentAreABareArrayAndLatestMovesToTheNewerVersion() {
        String name = "moving-" + tag;
        String older = publish(descriptor(name, "1.0.0"), false, null).statusCode(201).body("tags", equalTo(List.of("latest")))
                .extract().path("id");
        String componentId = componentId(older);
        String newer = publish(descriptor(name, "1.1.0"), false, null).statusCode(201).extract().path("id");

        String body = given().header("X-Ppl-Workspace", workspace).get("/internal/components/" + componentId + "/versions")
                .then().statusCode(200).extract().asString();
        JsonNode versions = read(body);
        assertThat(versions.isArray()).isTrue();
        assertThat(versions).hasSize(2);
        assertThat(versions.at("/0/id").asText()).isEqualTo(newer);
        assertThat(versions.at("/0/version").asText()).isEqualTo("1.1.0");
        assertThat(versions.at("/0/tags")).extracting(JsonNode::asText).containsExactly("latest");
        assertThat(versions.at("/1/id").asText()).isEqualTo(older);
        assertThat(versions.at("/1/tags")).isEmpty();

        given().header("X-Ppl-Workspace", workspace).get("/internal/components/by-name/" + name + "/latest").then()
                .statusCode(200).body("id", equalTo(newer));
        assertThat(list(workspace, "query", name).at("/items/0/latest_version_id").asText()).isEqualTo(newer);
        // Another workspace sees neither the component nor its versions.
        given().header("X-Ppl-Workspace", Ids.next(Ids.WORKSPACE)).get("/internal/components/" + componentId + "/versions")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void latestMovesBackToTheNewestVersionLeftWhenTheLatestIsDeletedWithItsLease() {
        String name = "rollback-" + tag;
        String lease = Ids.next(Ids.LEASE);
        String released = publish(descriptor(name, "1.0.0"), false, null).statusCode(201).extract().path("id");
        String candidate = publish(descriptor(name, "1.1.0-rc.1"), true, lease).statusCode(201).extract().path("id");
        assertThat(version(candidate).get("tags")).extracting(JsonNode::asText).containsExactly("latest");

        produce(new LeaseRolledBack(lease, workspace, "client", CleanupPolicy.DELETE_EPHEMERAL_RESOURCES, Instant.now()));

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> given().header("X-Ppl-Workspace", workspace)
                .get("/internal/versions/" + candidate).then().extract().statusCode() == 404);
        given().header("X-Ppl-Workspace", workspace).get("/internal/components/by-name/" + name + "/latest").then()
                .statusCode(200).body("id", equalTo(released)).body("tags", equalTo(List.of("latest")));
    }

    @Test
    void thePrereleaseFlagIsKeptOnEveryView() {
        String name = "flagged-" + tag;
        String release = publish(descriptor(name, "1.0.0"), false, null).statusCode(201).body("prerelease", equalTo(false))
                .extract().path("id");
        String pre = publish(descriptor(name, "1.1.0-beta"), true, null).statusCode(201).body("prerelease", equalTo(true))
                .extract().path("id");

        assertThat(version(pre).get("prerelease").asBoolean()).isTrue();
        assertThat(version(release).get("prerelease").asBoolean()).isFalse();
        JsonNode versions = versionsOf(componentId(pre));
        assertThat(versions.at("/0/id").asText()).isEqualTo(pre);
        assertThat(versions.at("/0/prerelease").asBoolean()).isTrue();
        assertThat(versions.at("/1/prerelease").asBoolean()).isFalse();
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    /** A valid descriptor to spoil: a String to String component run by a local command. */
    private static Map<String, Object> descriptor(String name, String version) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", name);
        d.put("version", version);
        d.put("inputs", List.of(port("in", "String")));
        d.put("outputs", List.of(port("out", "String")));
        d.put("local", Map.of("command", List.of("true")));
        return d;
    }

    private static Map<String, Object> port(String name, String type) {
        return Map.of("name", name, "type", type);
    }

    /**
     * Publishes a valid descriptor changed by {@code spoil}: it must be refused naming {@code field}, and nothing may
     * be stored: no component of that name, and a component that already existed keeps its versions.
     */
    private void refusedAndNothingStored(Consumer<Map<String, Object>> spoil, String field) {
        String fresh = "refused-" + Ids.next("c").substring(2, 12);
        Map<String, Object> d = descriptor(fresh, "1.0.0");
        spoil.accept(d);
        refused(publish(d, false, null), 400, field);
        assertThat(count(fresh)).as("components named " + fresh).isZero();

        String existing = "kept-" + tag;
        if (count(existing) == 0) {
            publish(descriptor(existing, "1.0.0"), false, null).statusCode(201);
        }
        String componentId = list(workspace, "query", existing).at("/items/0/component_id").asText();
        JsonNode before = versionsOf(componentId);
        Map<String, Object> next = descriptor(existing, "9.9.9");
        spoil.accept(next);
        next.put("name", existing);
        refused(publish(next, false, null), 400, field);
        assertThat(versionsOf(componentId)).isEqualTo(before);
    }

    private ValidatableResponse publish(Map<String, Object> descriptor, boolean prerelease, String lease) {
        return publishIn(workspace, descriptor, prerelease, lease);
    }

    private static ValidatableResponse publishIn(String workspaceId, Map<String, Object> descriptor, boolean prerelease,
            String lease) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("descriptor", descriptor);
        body.put("prerelease", prerelease);
        if (lease != null) {
            body.put("lease_id", lease);
        }
        return given().header("X-Ppl-Workspace", workspaceId).contentType(ContentType.JSON).body(json(body))
                .post("/internal/components/versions").then();
    }

    private static void refused(ValidatableResponse response, int status, String field) {
        response.statusCode(status).contentType("application/problem+json").body("status", equalTo(status))
                .body("field", equalTo(field));
    }

    private void builtIn(String workspaceId, String name, String versionId, String harness, String ports, String type,
            String endpointKind) {
        JsonNode v = read(given().header("X-Ppl-Workspace", workspaceId)
                .get("/internal/components/by-name/" + name + "/latest").then().statusCode(200).extract().asString());
        assertThat(v.get("id").asText()).as(name).isEqualTo(versionId);
        assertThat(v.get("workspace_id").asText()).isEqualTo("_builtin");
        assertThat(v.get("harness").asText()).isEqualTo(harness);
        assertThat(v.get("tags")).extracting(JsonNode::asText).containsExactly("latest");
        assertThat(v.at("/descriptor/" + ports)).as(name + " " + ports).hasSize(1);
        assertThat(v.at("/descriptor/" + ports + "/0/type").asText()).as(name).isEqualTo(type);
        assertThat(v.at("/descriptor/endpoints/0/name").asText()).isEqualTo(harness);
        assertThat(v.at("/descriptor/endpoints/0/kind").asText()).isEqualTo(endpointKind);
        JsonNode versions = read(given().header("X-Ppl-Workspace", workspaceId)
                .get("/internal/components/" + v.get("component_id").asText() + "/versions").then().statusCode(200)
                .extract().asString());
        assertThat(versions).extracting(x -> x.get("id").asText()).contains(versionId);
    }

    private JsonNode list(String workspaceId, String... params) {
        var request = given().header("X-Ppl-Workspace", workspaceId);
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam(params[i], params[i + 1]);
        }
        return read(request.get("/internal/components").then().statusCode(200).extract().asString());
    }

    private int count(String query) {
        return list(workspace, "query", query).get("count").asInt();
    }

    private String componentId(String versionId) {
        return version(versionId).get("component_id").asText();
    }

    private JsonNode version(String versionId) {
        return read(given().header("X-Ppl-Workspace", workspace).get("/internal/versions/" + versionId).then()
                .statusCode(200).extract().asString());
    }

    private JsonNode versionsOf(String componentId) {
        return read(given().header("X-Ppl-Workspace", workspace).get("/internal/components/" + componentId + "/versions")
                .then().statusCode(200).extract().asString());
    }

    private static void produce(LeaseRolledBack closed) {
        try (var producer = new KafkaProducer<>(Map.<String, Object> of("bootstrap.servers",
                SharedInfrastructure.get().kafkaBootstrap()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.LEASE_EVENTS, closed.leaseId(), Events.CODEC.encodeBytes(closed)))
                    .get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object value) {
        try {
            return JsonCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JsonCodec.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
