package dev.ppl.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.ppl.contracts.Ids;
import dev.ppl.gateway.auth.Workspaces;
import dev.ppl.gateway.harness.EndpointTokens;
import dev.ppl.gateway.harness.StandInDeployService;
import dev.ppl.local.testing.PlatformTestResource;
import dev.ppl.local.testing.SharedInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Each token holds at most {@link SmallLimits#STREAMS_PER_TOKEN} open streams; the next upgrade is refused with 429. */
@QuarkusTest
@TestProfile(SmallLimits.class)
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StandInDeployService.class, restrictToAnnotatedClass = true)
class StreamCapTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    Workspaces workspaces;
    @Inject
    EndpointTokens tokens;
    @TestHTTPResource("/")
    URL base;

    @Test
    void anOutputHarnessTokenPastItsOpenStreamsIsRefused429AndAnotherTokenIsNot() throws Exception {
        String deployment = Ids.next("dp");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedInfrastructure.get().kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(StandInDeployService.jsonTopic(deployment), 1, (short) 1))).all().get();
        }
        String workspace = workspaces.ensure("streams-" + deployment).id;
        String token = tokens.mint(workspace, deployment, "4");
        String other = tokens.mint(workspace, deployment, "4");
        URI uri = URI.create(ws("endpoints/out/" + deployment + "/4"));
        List<WebSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < SmallLimits.STREAMS_PER_TOKEN; i++) {
                open.add(connect(uri, token));
            }
            assertThat(refusal(uri, token)).isEqualTo(429);
            open.add(connect(uri, other));

            open.remove(0).sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
            Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> open.add(connect(uri, token)));
        } finally {
            open.forEach(WebSocket::abort);
        }
    }

    @Test
    void aWorkspaceTokenPastItsOpenLiveTestStreamsIsRefused429() {
        String token = "pt_" + Ids.next("s");
        workspaces.addToken(workspaces.ensure("streams-" + token).id, token);
        URI uri = URI.create(ws("v1/leases/" + Ids.next("ls") + "/live-test"));
        List<WebSocket> open = new ArrayList<>();
        try {
            // Opened and never started: each holds its slot without any work behind it.
            for (int i = 0; i < SmallLimits.STREAMS_PER_TOKEN; i++) {
                open.add(connect(uri, token));
            }
            assertThat(refusal(uri, token)).isEqualTo(429);
            assertThat(refusal(uri, "pt_notatoken")).as("a bad token is still a 401, not a 429").isEqualTo(401);
        } finally {
            open.forEach(WebSocket::abort);
        }
    }

    private String ws(String path) {
        return base.toString().replaceFirst("^http", "ws") + path;
    }

    private static WebSocket connect(URI uri, String token) {
        return HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .buildAsync(uri, new WebSocket.Listener() {
                }).join();
    }

    private static int refusal(URI uri, String token) {
        try {
            connect(uri, token).abort();
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
        throw new AssertionError("the upgrade was accepted");
    }
}
