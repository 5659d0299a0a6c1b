package dev.ppl.gateway.harness;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.gateway.limits.StreamSlots;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.PathParam;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * The output harness: every record on the vertex's input written after the socket opened becomes one
 * text frame ({@code Output JSON HTTP}), or, for {@code Output Image HTTP} (input type {@code Image}), a
 * metadata text frame and then one binary frame with the image's bytes ({@link MediaFrames}). The token was
 * checked at the upgrade ({@link HarnessUpgradeCheck}).
 */
@WebSocket(path = "/endpoints/out/{deployment}/{vertex}")
public class OutputHarnessWebSocket {
    private static final Logger LOG = Logger.getLogger(OutputHarnessWebSocket.class);

    private final EndpointTokens tokens;
    private final DeploymentRoutes routes;
    private final String bootstrap;
    /** One an open connection, removed when it closes: bounded by the open streams, which are capped per token. */
    private final Map<String, TopicTail> tails = new ConcurrentHashMap<>();

    public OutputHarnessWebSocket(EndpointTokens tokens, DeploymentRoutes routes,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.tokens = tokens;
        this.routes = routes;
        this.bootstrap = bootstrap;
    }

    @OnOpen
    public void open(WebSocketConnection connection, @PathParam String deployment, @PathParam String vertex) {
        // Before anything else: the client may post its input the moment the handshake completes.
        Instant openedAt = Instant.now();
        String token = EndpointTokens.fromRequest(connection.handshakeRequest().header("Authorization"),
                HarnessUpgradeCheck.queryToken(connection.handshakeRequest().query()));
        String workspace = tokens.verify(token, deployment, vertex).orElseThrow();
        JsonNode route = routes.harnessVertex(workspace, deployment, vertex, "output");
        String topic = route.path("inputs").path(0).path("topic").asText(null);
        if (topic == null) {
            connection.closeAndAwait();
            return;
        }
        boolean image = Images.isImage(route.path("inputs").path(0).path("type").asText(null));
        tails.put(connection.id(), new TopicTail(bootstrap, topic, openedAt, record -> {
            if (!connection.isOpen()) {
                return;
            }
            if (!image) {
                connection.sendTextAndAwait(new String(record.value(), StandardCharsets.UTF_8));
            } else if (record.value() != null && record.value().length > 0) {
                connection.sendTextAndAwait(MediaFrames.metadata(header(record, HarnessProducer.REQUEST_ID_HEADER),
                        Objects.requireNonNullElse(header(record, HarnessProducer.TYPE_HEADER), Images.TYPE), record.value()));
                connection.sendBinaryAndAwait(record.value());
            }
        }));
        LOG.debugf("output harness %s/%s streaming %s", deployment, vertex, topic);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        StreamSlots.Slot slot = connection.userData().remove(StreamSlots.SLOT);
        if (slot != null) {
            slot.close();
        }
        TopicTail tail = tails.remove(connection.id());
        if (tail != null) {
            tail.close();
        }
    }
}
