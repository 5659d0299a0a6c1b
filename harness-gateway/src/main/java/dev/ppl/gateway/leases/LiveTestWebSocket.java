package dev.ppl.gateway.leases;

import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.contracts.codec.MessageDecodingException;
import dev.ppl.contracts.livetest.Failed;
import dev.ppl.contracts.livetest.LiveTestEvent;
import dev.ppl.contracts.livetest.StartLiveTest;
import dev.ppl.gateway.auth.Caller;
import dev.ppl.gateway.auth.Workspaces;
import dev.ppl.gateway.infra.Services;
import dev.ppl.gateway.limits.StreamSlots;
import dev.ppl.service.http.InternalClient;
import dev.ppl.service.web.ProblemException;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.PathParam;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * The live-test stream: the client sends one {@code start} message and receives each event of the run
 * as one text frame, as it happens, until {@code ready} or {@code failed}. The events come from the
 * lease-service's NDJSON stream and are relayed line by line, never buffered.
 */
@WebSocket(path = "/v1/leases/{id}/live-test")
public class LiveTestWebSocket {
    private final Services services;
    private final Workspaces workspaces;
    private final Set<String> started = ConcurrentHashMap.newKeySet();

    public LiveTestWebSocket(Services services, Workspaces workspaces) {
        this.services = services;
        this.workspaces = workspaces;
    }

    @OnTextMessage
    public void onMessage(String message, WebSocketConnection connection, @PathParam String id) {
        if (!started.add(connection.id())) {
            return;
        }
        Caller caller = workspaces.authenticate(connection.handshakeRequest().header("Authorization"),
                connection.handshakeRequest().header("X-Ppl-Surface")).orElseThrow();
        StartLiveTest start;
        try {
            if (!(LiveTestEvent.codec().decode(message) instanceof StartLiveTest s)) {
                throw new MessageDecodingException("the first message must be of type start");
            }
            start = s;
        } catch (MessageDecodingException | IllegalArgumentException e) {
            send(connection, new Failed("manifest", e.getMessage(), null));
            connection.closeAndAwait();
            return;
        }
        boolean terminal = false;
        try (Stream<String> lines = services.leases().postForLines(caller.workspaceId(), caller.actor(), caller.surface(),
                "/internal/leases/" + InternalClient.segment(id) + "/live-test", LiveTestEvent.codec().toTree(start))) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext() && connection.isOpen()) {
                String line = it.next();
                if (line.isBlank()) {
                    continue;
                }
                connection.sendTextAndAwait(line);
                String type = type(line);
                if (type.equals("ready") || type.equals("failed")) {
                    terminal = true;
                    break;
                }
            }
        } catch (ProblemException e) {
            send(connection, new Failed("transport", "the lease-service refused the live test: " + e.getMessage(), null));
            terminal = true;
        }
        if (!terminal && connection.isOpen()) {
            send(connection, new Failed("transport", "the live-test stream ended before ready or failed", null));
        }
        if (connection.isOpen()) {
            connection.closeAndAwait();
        }
    }

    @OnClose
    public void onClose(WebSocketConnection connection) {
        StreamSlots.Slot slot = connection.userData().remove(StreamSlots.SLOT);
        if (slot != null) {
            slot.close();
        }
        started.remove(connection.id());
    }

    private static void send(WebSocketConnection connection, LiveTestEvent event) {
        if (connection.isOpen()) {
            connection.sendTextAndAwait(LiveTestEvent.codec().encode(event));
        }
    }

    private static String type(String line) {
        try {
            JsonNode event = JsonCodec.mapper().readTree(line);
            return event.path("type").asText("");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "";
        }
    }
}
