package dev.ppl.gateway.harness;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.PathParam;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * The output harness: every record on the vertex's input written after the socket opened becomes one
 * text frame. The token was checked at the upgrade ({@link HarnessUpgradeCheck}).
 */
@WebSocket(path = "/endpoints/out/{deployment}/{vertex}")
public class OutputHarnessWebSocket {
    private static final Logger LOG = Logger.getLogger(OutputHarnessWebSocket.class);

    private final EndpointTokens tokens;
    private final DeploymentRoutes routes;
    private final String bootstrap;
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
        tails.put(connection.id(), new TopicTail(bootstrap, topic, openedAt, frame -> {
            if (connection.isOpen()) {
                connection.sendTextAndAwait(frame);
            }
        }));
        LOG.debugf("output harness %s/%s streaming %s", deployment, vertex, topic);
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        TopicTail tail = tails.remove(connection.id());
        if (tail != null) {
            tail.close();
        }
    }
}
