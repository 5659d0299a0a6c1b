package dev.ppl.gateway.limits;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.imageio.ImageIO;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.Ids;
import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.gateway.auth.Workspaces;
import dev.ppl.gateway.harness.EndpointTokens;
import dev.ppl.gateway.harness.StandInDeployService;
import dev.ppl.local.testing.PlatformTestResource;
import dev.ppl.local.testing.SharedInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Request bodies are bounded per route class while they stream in, and a harness input is checked for its token
 * before its body is read; each refusal is a problem naming {@code body} (or {@code token}) and changes nothing.
 * Several requests are written by hand on a socket, because that is the only way to send a body that never ends, or
 * a Content-Length the body never reaches: a server that read the body would never answer them.
 */
@QuarkusTest
@TestProfile(SmallLimits.class)
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StandInDeployService.class, restrictToAnnotatedClass = true)
class BodyLimitsTest {
    private static final String TOKEN = "pt_gatewaytesttoken";
    private static final int ANSWER_WITHIN_MS = 10_000;

    @Inject
    Workspaces workspaces;
    @Inject
    EndpointTokens tokens;
    @Inject
    DataSource db;
    @TestHTTPResource("/")
    URL base;

    @Test
    void aJsonBodyDeclaredOverTheLimitIsRefusedWith413NamingBodyAndCreatesNothing() throws Exception {
        long before = count("files");
        Answer answer = send("POST", "/v1/files/links", Map.of("Authorization", "Bearer " + TOKEN, "Content-Type",
                "application/json", "Content-Length", String.valueOf(SmallLimits.JSON_BODY + 1)), "{\"source_uri\": \"");

        assertThat(answer.status).isEqualTo(413);
        assertThat(answer.problem().path("field").asText()).isEqualTo("body");
        assertThat(answer.problem().path("limit").asLong()).isEqualTo(SmallLimits.JSON_BODY);
        assertThat(answer.problem().path("expected").asText()).contains("ppl.gateway.limits.json-body");
        assertThat(count("files")).isEqualTo(before);
    }

    @Test
    void aChunkedJsonBodyIsRefusedWith413TheMomentItPassesTheLimitWithoutWaitingForItsEnd() throws Exception {
        long before = count("files");
        String chunk = "x".repeat(4096);
        StringBuilder body = new StringBuilder();
        for (int sent = 0; sent <= SmallLimits.JSON_BODY; sent += chunk.length()) {
            body.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        // No last chunk: the body never ends, so only a server that counts as it reads can answer.
        Answer answer = send("POST", "/v1/files/links", Map.of("Authorization", "Bearer " + TOKEN, "Content-Type",
                "application/json", "Transfer-Encoding", "chunked"), body.toString());

        assertThat(answer.status).isEqualTo(413);
        assertThat(answer.problem().path("field").asText()).isEqualTo("body");
        assertThat(count("files")).isEqualTo(before);
    }

    @Test
    void aChunkedJsonBodyUnderTheLimitStillReachesItsResource() {
        given().auth().oauth2(TOKEN).contentType("application/json")
                .body(new java.io.ByteArrayInputStream(
                        "{\"source_uri\": \"https://example.com/a.bin\", \"source_kind\": \"http\", \"file_type\": \"File\"}"
                                .getBytes(StandardCharsets.UTF_8)))
                .post("/v1/files/links").then().statusCode(201).body("data.name", equalTo("a.bin"));
    }

    @Test
    void anUploadOverItsLimitIsRefusedWith413WhileItStreamsAndLeavesNoFileRowNorChunk() throws Exception {
        long files = count("files");
        long chunks = count("file_chunks");
        byte[] megabyte = new byte[1 << 20];
        StringBuilder head = new StringBuilder();
        Answer answer;
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(ANSWER_WITHIN_MS);
            OutputStream out = socket.getOutputStream();
            head.append("POST /v1/files?name=big HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ").append(TOKEN)
                    .append("\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            try {
                // One megabyte past the limit, and then the body never ends.
                for (int sent = 0; sent <= SmallLimits.UPLOAD_BODY; sent += megabyte.length) {
                    out.write((Integer.toHexString(megabyte.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(megabyte);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (IOException closedWhileSending) {
                // The gateway may answer and close before the last megabyte is written; its answer is still there.
            }
            answer = Answer.read(socket.getInputStream());
        }

        assertThat(answer.status).isEqualTo(413);
        assertThat(answer.problem().path("field").asText()).isEqualTo("body");
        assertThat(answer.problem().path("expected").asText()).contains("ppl.gateway.limits.upload-body");
        assertThat(count("files")).isEqualTo(files);
        assertThat(count("file_chunks")).isEqualTo(chunks);
    }

    @Test
    void anUploadDeclaredOverItsLimitIsRefusedBeforeItsBodyIsRead() throws Exception {
        long files = count("files");
        Answer answer = send("POST", "/v1/files?name=big", Map.of("Authorization", "Bearer " + TOKEN, "Content-Type",
                "application/octet-stream", "Content-Length", String.valueOf(SmallLimits.UPLOAD_BODY + 1)), "abc");

        assertThat(answer.status).isEqualTo(413);
        assertThat(answer.problem().path("field").asText()).isEqualTo("body");
        assertThat(count("files")).isEqualTo(files);
    }

    @Test
    void anUploadOfSeveralChunksIsStoredAndReadBackWhole() {
        byte[] content = new byte[(int) (2.5 * (1 << 20))];
        new Random(7).nextBytes(content);
        String id = given().auth().oauth2(TOKEN).queryParam("name", "several-chunks").contentType("application/octet-stream")
                .body(content).post("/v1/files").then().statusCode(201).body("data.size", equalTo(content.length))
                .extract().path("data.file_id");

        byte[] read = given().auth().oauth2(TOKEN).get("/v1/files/" + id + "/content").then().statusCode(200).extract()
                .asByteArray();
        assertThat(read).isEqualTo(content);
    }

    @Test
    void anUnauthenticatedHarnessPostOf60MegabytesIsAnswered401WithoutItsBodyBeingRead() throws Exception {
        // 60 MB declared, 1 KB sent: a gateway that read the body before the token would wait for the rest forever.
        Answer answer = send("POST", "/endpoints/in/" + Ids.next("dp") + "/3", Map.of("Content-Type", "application/json",
                "Content-Length", String.valueOf(60_000_000)), "[" + "1,".repeat(500));

        assertThat(answer.status).isEqualTo(401);
        assertThat(answer.contentType).startsWith("application/problem+json");
        assertThat(answer.problem().path("field").asText()).isEqualTo("token");
        assertThat(answer.closed).as("the connection is closed after the answer, so the rest is never read").isTrue();
    }

    @Test
    void aHarnessPostWithAWrongTokenIsAnswered401WithoutItsBodyBeingRead() throws Exception {
        Harness harness = harness();
        Answer answer = send("POST", "/endpoints/in/" + harness.deployment + "/3", Map.of("Authorization",
                "Bearer et_notthetoken", "Content-Type", "application/json", "Content-Length", String.valueOf(60_000_000)),
                "[1,");

        assertThat(answer.status).isEqualTo(401);
    }

    @Test
    void aHarnessInputOverItsLimitIsRefusedWith413DeclaredOrChunked() throws Exception {
        Harness harness = harness();
        String path = "/endpoints/in/" + harness.deployment + "/3";
        Answer declared = send("POST", path, Map.of("Authorization", "Bearer " + harness.token("3"), "Content-Type",
                "application/json", "Content-Length", String.valueOf(SmallLimits.HARNESS_INPUT_BODY + 1)), "[1,");
        assertThat(declared.status).isEqualTo(413);
        assertThat(declared.problem().path("expected").asText()).contains("ppl.gateway.limits.harness-input-body");

        String chunk = "1,".repeat(2048);
        StringBuilder body = new StringBuilder("1\r\n[\r\n");
        for (int sent = 0; sent <= SmallLimits.HARNESS_INPUT_BODY; sent += chunk.length()) {
            body.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        Answer chunked = send("POST", path, Map.of("Authorization", "Bearer " + harness.token("3"), "Content-Type",
                "application/json", "Transfer-Encoding", "chunked"), body.toString());
        assertThat(chunked.status).isEqualTo(413);
        assertThat(chunked.problem().path("field").asText()).isEqualTo("body");

        given().auth().oauth2(harness.token("3")).contentType("application/json").body("[1, 2]").post(path).then()
                .statusCode(202);
    }

    @Test
    void anImageWhoseHeaderDeclaresMorePixelsThanTheLimitIsRefusedWith400BeforeDecoding() throws Exception {
        Harness harness = harness();
        String path = "/endpoints/in/" + harness.deployment + "/1";
        // 200 × 100 = 20,000 pixels: a good image, over the limit of 10,000.
        given().auth().oauth2(harness.token("1")).contentType("image/png").body(png(200, 100)).post(path).then()
                .statusCode(400).contentType("application/problem+json").body("field", equalTo("body"))
                .body("limit", equalTo(SmallLimits.IMAGE_PIXELS))
                .body("expected", containsString("ppl.gateway.limits.image-pixels"));
        given().auth().oauth2(harness.token("1")).contentType("image/png").body(png(100, 100)).post(path).then()
                .statusCode(202);
    }

    @Test
    void anotherCallersOrdinaryRequestSucceedsWhileAHostileBodyIsHeldOpen() throws Exception {
        String other = "pt_" + Ids.next("x");
        workspaces.addToken(workspaces.ensure("other-" + other).id, other);
        try (Socket hostile = new Socket(base.getHost(), base.getPort())) {
            // An authenticated upload that declares 2 MB and sends 1 KB, then stalls: it holds its own request only.
            hostile.getOutputStream().write(("POST /v1/files?name=stalled HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                    + "Bearer " + TOKEN + "\r\nContent-Type: application/octet-stream\r\nContent-Length: 2000000\r\n\r\n"
                    + "x".repeat(1024)).getBytes(StandardCharsets.US_ASCII));
            hostile.getOutputStream().flush();

            String id = given().auth().oauth2(other).queryParam("name", "ordinary").contentType("application/json")
                    .body("{\"ok\": true}").post("/v1/files").then().statusCode(201).extract().path("data.file_id");
            given().auth().oauth2(other).get("/v1/files/" + id + "/content").then().statusCode(200)
                    .body(equalTo("{\"ok\": true}"));
        }
    }

    private long count(String table) throws Exception {
        try (Connection c = db.getConnection();
                ResultSet rows = c.createStatement()
                        .executeQuery("SELECT count(*) FROM gateway." + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private Answer send(String method, String path, Map<String, String> headers, String body) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(ANSWER_WITHIN_MS);
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            request.append("\r\n").append(body);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return Answer.read(socket.getInputStream());
        }
    }

    /** The status, content type and body of a raw HTTP/1.1 answer, and whether the server then closed the connection. */
    private record Answer(int status, String contentType, String body, boolean closed) {
        static Answer read(InputStream in) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            boolean closed = false;
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    bytes.write(buffer, 0, n);
                }
                closed = true;
            } catch (SocketTimeoutException stillOpen) {
                // A connection kept alive: what arrived is the whole answer.
            }
            String text = bytes.toString(StandardCharsets.ISO_8859_1);
            assertThat(text).as("an HTTP answer").startsWith("HTTP/1.1 ");
            int status = Integer.parseInt(text.substring(9, 12));
            int split = text.indexOf("\r\n\r\n");
            String head = text.substring(0, split);
            String contentType = head.lines().filter(line -> line.toLowerCase().startsWith("content-type:"))
                    .map(line -> line.substring(13).strip()).findFirst().orElse("");
            return new Answer(status, contentType, text.substring(split + 4), closed);
        }

        JsonNode problem() throws IOException {
            assertThat(contentType).startsWith("application/problem+json");
            return JsonCodec.mapper().readTree(body);
        }
    }

    /** A deployment of {@link StandInDeployService}'s four harness vertices, its data topics created. */
    private Harness harness() throws Exception {
        String id = Ids.next("dp");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedInfrastructure.get().kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(StandInDeployService.imageTopic(id), 1, (short) 1),
                    new NewTopic(StandInDeployService.jsonTopic(id), 1, (short) 1))).all().get();
        }
        return new Harness(id, workspaces.ensure("limits-" + id).id);
    }

    private final class Harness {
        final String deployment;
        final String workspace;

        Harness(String deployment, String workspace) {
            this.deployment = deployment;
            this.workspace = workspace;
        }

        String token(String vertex) {
            return tokens.mint(workspace, deployment, vertex);
        }
    }

    private static byte[] png(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }
}
