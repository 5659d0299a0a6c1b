package dev.ppl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.Events;
import dev.ppl.contracts.Topics;
import dev.ppl.contracts.backend.BackendCreated;
import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.e2e.LocalPlatformHarness.Run;
import dev.ppl.local.testing.PoisonRecords;

/**
 * Issue 13's hostile inputs against the real local platform, one class of input per test: each is answered with a
 * 4xx problem naming the field, changes nothing, and a second workspace's ordinary edit still works, also after the
 * service that handled the input was restarted. Runs in order: the garbage records of the last test are followed by
 * the rollback of the lease the harness-input test opened.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {
    /** The built-in {@code Input JSON HTTP} version, as a new user finds it in the repro. */
    private static final String INPUT_JSON = "cv_builtininputjson1";

    private final LocalPlatformHarness platform = new LocalPlatformHarness();
    private String otherToken;
    private String leaseId;
    private String editedBackend;

    @BeforeAll
    void startThePlatformWithASecondWorkspace() {
        platform.up().assertExit(0);
        otherToken = platform.addWorkspace("other");
    }

    @AfterAll
    void stopThePlatform() {
        platform.down().assertExit(0);
        if (leaseId != null) {
            assertThat(LocalPlatformHarness.processesOfLease(leaseId)).isEmpty();
        }
        platform.deleteHome();
    }

    @Test
    @Order(1)
    void aPinnedTypeNestedTwentyThousandDeepIsRefusedNamingPinnedTypeAndAnotherWorkspaceEditsAlsoAfterDownAndUp() {
        editedBackend = backendWithAnInput(token());
        JsonNode before = log(editedBackend);

        String deep = "[".repeat(20_000) + "Int" + "]".repeat(20_000);
        assertProblem(platform.post("/v1/backends/" + editedBackend + "/operations",
                "{\"type\":\"add-constraint\",\"vertex_id\":\"1\",\"variable\":\"t\",\"pinned_type\":\"" + deep + "\"}"), 400,
                "pinned_type");

        assertThat(log(editedBackend)).isEqualTo(before);
        anotherWorkspaceCreatesAndEditsABackend();

        platform.down().assertExit(0);
        platform.up().assertExit(0);
        assertThat(log(editedBackend)).isEqualTo(before);
        anotherWorkspaceCreatesAndEditsABackend();
    }

    @Test
    @Order(2)
    void sixHundredKilobyteMetadataIsRefusedTwiceAndDeleteCompactAndDryRunStillWorkAlsoAfterTheWriterIsKilled() {
        String backend = backendWithAnInput(token());
        JsonNode before = log(backend);
        String huge = "m".repeat(600_000);

        for (String key : List.of("first", "second")) {
            assertProblem(operation(backend, "{\"type\":\"change-metadata\",\"vertex_id\":\"1\",\"key\":\"" + key
                    + "\",\"value\":\"" + huge + "\"}"), 413, "value");
        }
        assertThat(log(backend)).isEqualTo(before);
        anotherWorkspaceCreatesAndEditsABackend();

        assertThat(operation(backend, "{\"type\":\"delete-vertex\",\"vertex_id\":\"1\"}").statusCode()).isEqualTo(200);
        assertThat(platform.post("/v1/backends/" + backend + "/compact", "").statusCode()).isEqualTo(200);
        JsonNode compacted = log(backend);
        assertProblem(platform.post("/v1/backends/" + backend + "/patch", "{\"dry_run\":true,\"operations\":["
                + "{\"type\":\"add-vertex\",\"version_id\":\"" + INPUT_JSON + "\"},"
                + "{\"type\":\"change-metadata\",\"vertex_id\":\"2\",\"key\":\"k\",\"value\":\"" + huge + "\"}]}"), 413,
                "operations[1].value");
        HttpResponse<String> dryRun = platform.post("/v1/backends/" + backend + "/patch",
                "{\"dry_run\":true,\"operations\":[{\"type\":\"add-vertex\",\"version_id\":\"" + INPUT_JSON + "\"}]}");
        assertThat(dryRun.statusCode()).as(dryRun.body()).isEqualTo(200);
        assertThat(log(backend)).isEqualTo(compacted);
        anotherWorkspaceCreatesAndEditsABackend();

        platform.kill9("operations-service");
        platform.awaitReady(1);
        assertThat(log(backend)).isEqualTo(compacted);
        anotherWorkspaceCreatesAndEditsABackend();
        assertThat(operation(backend, "{\"type\":\"add-vertex\",\"version_id\":\"" + INPUT_JSON + "\"}").statusCode())
                .isEqualTo(200);
    }

    @Test
    @Order(3)
    void aBodyNestedTenThousandDeepOrOverTheJsonLimitIsRefusedNamingBody() {
        String backend = backendWithAnInput(token());
        JsonNode before = log(backend);

        String nested = "{\"type\":\"change-metadata\",\"vertex_id\":\"1\",\"key\":\"k\",\"value\":" + "[".repeat(10_000)
                + "]".repeat(10_000) + "}";
        assertProblem(operation(backend, nested), 400, "body");
        assertProblem(platform.post("/v1/backends/" + backend + "/patch", "{\"operations\":" + "[".repeat(10_000)
                + "]".repeat(10_000) + "}"), 400, "body");
        String oversized = "{\"type\":\"change-metadata\",\"vertex_id\":\"1\",\"key\":\"k\",\"value\":\""
                + "o".repeat(1_100_000) + "\"}";
        assertProblem(operation(backend, oversized), 413, "body");

        assertThat(log(backend)).isEqualTo(before);
        anotherWorkspaceCreatesAndEditsABackend();
    }

    @Test
    @Order(4)
    void anUnauthenticatedSixtyMegabyteHarnessInputIsRefusedBeforeItsBodyIsRead() throws IOException {
        Run run = platform.ppl(platform.uppercase(), "lease", "run", "--test=tests/live-test.yml", "--runtime=local",
                "--keep-lease").assertExit(0);
        leaseId = run.first("lease_created").get("lease_id").asText();
        String backend = run.first("backend_created").get("backend_id").asText();
        JsonNode input = null;
        for (JsonNode endpoint : platform.ppl(platform.repo, "forward", backend).assertExit(0).json().get("items")) {
            if (endpoint.get("url").asText().contains("/endpoints/in/")) {
                input = endpoint;
            }
        }
        assertThat(input).as("an input harness endpoint").isNotNull();
        List<Long> processes = LocalPlatformHarness.processesOfLease(leaseId);
        JsonNode resources = lease(leaseId).get("resources");

        // The request declares 60 MB and sends 64 KiB of it: an answer means the gateway did not wait for the rest.
        RawAnswer refused = postWithoutToken(URI.create(input.get("url").asText()), 60_000_000, 64 * 1024);
        assertThat(refused.status()).as(refused.body()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(json(refused.body()).get("field").asText()).isEqualTo("token");

        assertThat(LocalPlatformHarness.processesOfLease(leaseId)).containsExactlyInAnyOrderElementsOf(processes);
        assertThat(lease(leaseId).get("resources")).isEqualTo(resources);
        HttpResponse<String> accepted = platform.post(URI.create(input.get("url").asText()).getPath(), "\"hello\"",
                input.get("token").asText());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        anotherWorkspaceCreatesAndEditsABackend();
    }

    @Test
    @Order(5)
    void manifestsComponentsAndDurationsPastTheirLimitsAreRefusedNamingTheField(@TempDir Path dir) throws IOException {
        JsonNode leasesBefore = leases();

        StringBuilder vertices = new StringBuilder();
        for (int i = 0; i <= 100; i++) {
            vertices.append("    v").append(i).append(": {harness: \"Input JSON HTTP\"}\n");
        }
        Files.createDirectories(dir.resolve("tests"));
        Files.writeString(dir.resolve("tests/live-test.yml"), "graph:\n  vertices:\n" + vertices + "  edges: []\n");
        Run manifest = platform.ppl(dir, "lease", "run", "--test=tests/live-test.yml", "--runtime=local");
        manifest.assertExit(2);
        assertThat(manifest.stderr()).contains("graph.vertices").contains("ppl.manifest.max-vertices");

        StringBuilder inputs = new StringBuilder();
        for (int i = 0; i <= 256; i++) {
            inputs.append(i == 0 ? "" : ",").append("{\"name\":\"in").append(i).append("\",\"type\":\"String\"}");
        }
        String descriptor = "{\"name\":\"too-many-ports\",\"version\":\"1.0.0\",\"inputs\":[" + inputs
                + "],\"outputs\":[],\"local\":{\"command\":[\"true\"]}}";
        Files.writeString(dir.resolve("component.yml"), descriptor);
        Run component = platform.ppl(dir, "component", "publish", dir.toString(), "--prerelease");
        component.assertExit(2);
        assertThat(component.stderr()).contains("inputs").contains("ppl.component.max-entries");
        assertProblem(platform.post("/v1/components/versions", "{\"prerelease\":true,\"descriptor\":" + descriptor + "}"),
                400, "inputs");
        assertThat(json(platform.get("/v1/components?query=too-many-ports").body()).get("count").asInt()).isZero();

        assertProblem(platform.post("/v1/leases", "{\"ttl\":\"3651d\"}"), 400, "ttl");
        Run olderThan = platform.ppl(platform.repo, "lease", "delete-bulk", "--older-than", "3651d");
        assertThat(olderThan.exitCode()).as(olderThan.stderr()).isIn(2, 3);
        assertThat(olderThan.stderr()).contains("older_than");

        assertThat(leases()).isEqualTo(leasesBefore);
        anotherWorkspaceCreatesAndEditsABackend();
    }

    @Test
    @Order(6)
    void aLeaseListOfAHundredThousandIsRefusedNamingLimit() {
        JsonNode leasesBefore = leases();
        assertProblem(platform.get("/v1/leases?limit=100000"), 400, "limit");
        assertThat(platform.get("/v1/leases?limit=500").statusCode()).isEqualTo(200);
        assertThat(leases()).isEqualTo(leasesBefore);
        anotherWorkspaceCreatesAndEditsABackend();
    }

    @Test
    @Order(7)
    void garbageRecordsAreSetAsideAndALeaseRolledBackAfterwardsIsReleasedByEveryOwner() {
        assertThat(leaseId).as("the lease of the harness-input test").isNotNull();
        JsonNode before = log(editedBackend);
        String workspace = lease(leaseId).get("workspace_id").asText();
        Map<String, List<byte[]>> garbage = Map.of(Topics.LEASE_EVENTS,
                List.of(PoisonRecords.NOT_JSON, PoisonRecords.UNKNOWN_TYPE,
                        PoisonRecords.knownTypeWithoutFields("lease.opened.v1")),
                Topics.BACKEND_OPERATIONS, List.of(PoisonRecords.NOT_JSON, PoisonRecords.UNKNOWN_TYPE,
                        PoisonRecords.knownTypeWithoutFields("backend.created.v1")));
        Map<String, List<String>> keys = new HashMap<>();
        garbage.forEach((topic, values) -> {
            for (byte[] value : values) {
                String key = "poison-" + UUID.randomUUID();
                platform.produce(topic, key, value);
                keys.computeIfAbsent(topic, t -> new ArrayList<>()).add(key);
            }
        });
        // A well-formed creation of a backend that exists, claiming it for another workspace as the next record of
        // its log (one at or below the projected seq would be skipped as a redelivery): keyed by the backend like
        // every record of its log, so it lands on the partition its projection reads.
        long next = before.get("count").asLong();
        platform.produce(Topics.BACKEND_OPERATIONS, editedBackend, Events.CODEC.encode(new BackendCreated(editedBackend, next,
                "ws_forged" + workspace.substring(3), "stolen", null, null, List.of(), "evil", "api", Instant.now()))
                .getBytes(StandardCharsets.UTF_8));
        keys.get(Topics.BACKEND_OPERATIONS).add(editedBackend);

        keys.forEach((topic, expected) -> Awaitility.await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(platform.keys(Topics.deadLetter(topic))).containsAll(expected)));

        assertThat(platform.post("/v1/leases/" + leaseId + "/rollback", "{}").statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode lease = lease(leaseId);
            assertThat(lease.get("state").asText()).isEqualTo("rolled_back");
            assertThat(lease.get("released_by")).extracting(JsonNode::asText).contains("operations", "deploy", "gateway");
        });
        assertThat(LocalPlatformHarness.processesOfLease(leaseId)).isEmpty();
        assertThat(log(editedBackend)).isEqualTo(before);
        anotherWorkspaceCreatesAndEditsABackend();
    }

    private String token() {
        return platform.config().get("token").asText();
    }

    /** A new backend of the token's workspace with the built-in JSON input as vertex 1. */
    private String backendWithAnInput(String token) {
        HttpResponse<String> created = platform.post("/v1/backends", "{\"name\":\"hostile\"}", token);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String backend = json(created.body()).at("/data/backend_id").asText();
        HttpResponse<String> added = platform.post("/v1/backends/" + backend + "/operations",
                "{\"type\":\"add-vertex\",\"version_id\":\"" + INPUT_JSON + "\"}", token);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        assertThat(json(added.body()).at("/data/vertex_id").asText()).isEqualTo("1");
        return backend;
    }

    private void anotherWorkspaceCreatesAndEditsABackend() {
        String backend = backendWithAnInput(otherToken);
        HttpResponse<String> renamed = platform.post("/v1/backends/" + backend + "/operations",
                "{\"type\":\"change-alias\",\"vertex_id\":\"1\",\"alias\":\"in\"}", otherToken);
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
    }

    private HttpResponse<String> operation(String backend, String body) {
        return platform.post("/v1/backends/" + backend + "/operations", body);
    }

    /** The backend's whole log as the API lists it: what a refusal must leave as it was. */
    private JsonNode log(String backend) {
        HttpResponse<String> response = platform.get("/v1/backends/" + backend + "/operations?limit=500");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    private JsonNode leases() {
        return json(platform.get("/v1/leases?limit=500").body());
    }

    private JsonNode lease(String id) {
        return json(platform.get("/v1/leases/" + id).body()).get("data");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(excerpt(response.body())).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json(response.body()).path("field").asText()).as(excerpt(response.body())).isEqualTo(field);
    }

    private static String excerpt(String body) {
        return body.length() > 500 ? body.substring(0, 500) + "…" : body;
    }

    private static JsonNode json(String body) {
        try {
            return JsonCodec.mapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record RawAnswer(int status, String contentType, String body) {
    }

    /**
     * A POST without a token that declares {@code declared} bytes and sends only {@code sent} of them, then reads
     * the answer: on a raw socket, since an HTTP client would not let a request end with its body unsent.
     */
    private static RawAnswer postWithoutToken(URI url, long declared, int sent) throws IOException {
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + declared + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[sent]);
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            String contentType = null;
            int length = 0;
            for (String line : lines) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-type:")) {
                    contentType = line.substring(13).strip();
                } else if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).strip());
                }
            }
            return new RawAnswer(status, contentType, new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed before the answer's head: " + head);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
