package dev.ppl.gateway.harness;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.Ids;
import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.gateway.auth.Workspaces;
import dev.ppl.local.testing.PlatformTestResource;
import dev.ppl.local.testing.SharedInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The image harness on real Kafka and PostgreSQL, routed by {@link StandInDeployService}: raw image bytes in,
 * a metadata text frame and a binary frame out; the JSON harness as it always was.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StandInDeployService.class, restrictToAnnotatedClass = true)
class ImageHarnessTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Workspaces workspaces;
    @Inject
    EndpointTokens tokens;
    @TestHTTPResource("/")
    URL base;

    @Test
    void anImagePostedToTheImageInputHarnessBecomesOneRecordOfItsRawBytesTypedImage() throws Exception {
        Deployment dp = deployment();
        byte[] png = png(3, 2);

        String requestId = given().auth().oauth2(dp.token("1")).contentType("image/png").body(png)
                .post("/endpoints/in/" + dp.id + "/1").then().statusCode(202).extract().path("request_id");

        ConsumerRecord<byte[], byte[]> record = first(StandInDeployService.imageTopic(dp.id));
        assertThat(record.value()).isEqualTo(png);
        assertThat(header(record, HarnessProducer.TYPE_HEADER)).isEqualTo("Image");
        assertThat(header(record, HarnessProducer.REQUEST_ID_HEADER)).isEqualTo(requestId);
    }

    @Test
    void aBodyThatIsNoImageIsRefusedWith400NamingBodyAndWritesNothing() throws Exception {
        Deployment dp = deployment();
        byte[] png = png(3, 2);

        for (byte[] bad : List.of("{\"not\": \"an image\"}".getBytes(StandardCharsets.UTF_8), Arrays.copyOf(png, 40),
                new byte[0])) {
            given().auth().oauth2(dp.token("1")).contentType("image/png").body(bad).post("/endpoints/in/" + dp.id + "/1")
                    .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("body"));
        }
        given().auth().oauth2(dp.token("1")).contentType("image/png").body(png).post("/endpoints/in/" + dp.id + "/1").then()
                .statusCode(202);

        assertThat(first(StandInDeployService.imageTopic(dp.id)).value()).as("the first record is the good image")
                .isEqualTo(png);
    }

    @Test
    void theImageOutputHarnessSendsAMetadataFrameThenTheImageAsOneBinaryFrame() throws Exception {
        Deployment dp = deployment();
        byte[] png = png(5, 4);
        Frames frames = new Frames();
        WebSocket socket = dp.openOutput("2", frames);
        try {
            String requestId = given().auth().oauth2(dp.token("1")).contentType("image/png").body(png)
                    .post("/endpoints/in/" + dp.id + "/1").then().statusCode(202).extract().path("request_id");

            JsonNode metadata = JsonCodec.mapper().readTree((String) frames.next());
            assertThat(metadata).isEqualTo(JsonCodec.mapper().readTree("""
                    {"type": "metadata", "metadata": {"request_id": "%s", "type": "Image", "media_type": "image/png",
                     "size": %d, "width": 5, "height": 4}}""".formatted(requestId, png.length)));
            assertThat((byte[]) frames.next()).isEqualTo(png);
        } finally {
            socket.abort();
        }
    }

    @Test
    void theJsonHarnessesStillCarryJsonAsOneTextFrameAndRefuseAnImage() throws Exception {
        Deployment dp = deployment();
        Frames frames = new Frames();
        WebSocket socket = dp.openOutput("4", frames);
        try {
            given().auth().oauth2(dp.token("3")).contentType("image/png").body(png(1, 1)).post("/endpoints/in/" + dp.id + "/3")
                    .then().statusCode(400).body("field", equalTo("body"));
            given().auth().oauth2(dp.token("3")).contentType("application/json").body("{\"a\": [1, \"b\"]}")
                    .post("/endpoints/in/" + dp.id + "/3").then().statusCode(202);

            assertThat(frames.next()).isEqualTo("{\"a\": [1, \"b\"]}");
        } finally {
            socket.abort();
        }
    }

    /** A deployment id of this test's own, its data topics created, with a token per harness vertex. */
    private Deployment deployment() throws Exception {
        String id = Ids.next("dp");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedInfrastructure.get().kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(StandInDeployService.imageTopic(id), 1, (short) 1),
                    new NewTopic(StandInDeployService.jsonTopic(id), 1, (short) 1))).all().get();
        }
        return new Deployment(id, workspaces.ensure("harness-" + id).id);
    }

    private final class Deployment {
        final String id;
        final String workspace;

        Deployment(String id, String workspace) {
            this.id = id;
            this.workspace = workspace;
        }

        String token(String vertex) {
            return tokens.mint(workspace, id, vertex);
        }

        WebSocket openOutput(String vertex, Frames frames) {
            URI uri = URI.create(base.toString().replaceFirst("^http", "ws") + "endpoints/out/" + id + "/" + vertex
                    + "?token=" + token(vertex));
            return HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, frames).join();
        }
    }

    /** Whole frames as they arrive: a String per text frame, a byte[] per binary frame. */
    private static final class Frames implements WebSocket.Listener {
        private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                queue.add(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                queue.add(binary.toByteArray());
                binary.reset();
            }
            webSocket.request(1);
            return null;
        }

        Object next() throws InterruptedException {
            Object frame = queue.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(frame).as("a frame within " + WAIT).isNotNull();
            return frame;
        }
    }

    private static ConsumerRecord<byte[], byte[]> first(String topic) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object> of("bootstrap.servers",
                SharedInfrastructure.get().kafkaBootstrap(), "group.id", Ids.next("check"), "auto.offset.reset", "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    return record;
                }
            }
        }
        throw new AssertionError("nothing on " + topic);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static byte[] png(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0xff336699);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
