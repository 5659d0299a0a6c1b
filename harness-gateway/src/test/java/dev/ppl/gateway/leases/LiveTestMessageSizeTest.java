package dev.ppl.gateway.leases;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.ppl.contracts.Ids;
import dev.ppl.gateway.auth.Workspaces;
import dev.ppl.local.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A live-test start message as large as a manifest may be reaches the gateway's own checks: a bad one is answered
 * with a {@code failed} event naming the manifest, not cut off by the socket's frame limit.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class LiveTestMessageSizeTest {
    @Inject
    Workspaces workspaces;
    @TestHTTPResource("/")
    URL base;

    @Test
    void aThreeHundredKilobyteStartMessageIsReadAndAnsweredWithAFailedEventNotCutOff() throws Exception {
        String token = "pt_" + Ids.next("s");
        workspaces.addToken(workspaces.ensure("big-" + token).id, token);
        URI uri = URI.create(base.toString().replaceFirst("^http", "ws") + "v1/leases/" + Ids.next("ls") + "/live-test");
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            first.complete(text.toString());
                        }
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }
                }).join();
        try {
            socket.sendText("{\"type\": \"start\", \"padding\": \"" + "x".repeat(300_000) + "\"}", true).join();

            String event = first.get(20, TimeUnit.SECONDS);
            assertThat(event).contains("\"type\":\"failed\"").contains("\"stage\":\"manifest\"");
            assertThat(closed.get(20, TimeUnit.SECONDS)).isNotEqualTo(1011);
        } finally {
            socket.abort();
        }
    }

}
