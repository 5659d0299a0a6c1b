package dev.ppl.gateway.deployments;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.gateway.auth.BearerAuthFilter;
import dev.ppl.gateway.auth.Caller;
import dev.ppl.gateway.auth.Workspaces;
import dev.ppl.gateway.infra.Paths;
import dev.ppl.gateway.infra.Services;
import dev.ppl.gateway.limits.StreamSlots;
import dev.ppl.service.http.InternalClient;
import dev.ppl.service.web.ProblemException;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;

/**
 * The runtimes there are, and a container's logs, through the public API. Deploying a backend is a backend
 * route ({@link BackendDeployments}).
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class DeploymentApiResource {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final InternalClient deploy;
    private final StreamSlots slots;

    public DeploymentApiResource(Services services, StreamSlots slots) {
        this.deploy = services.deploy();
        this.slots = slots;
    }

    @GET
    @Path("/runtimes")
    public Map<String, Object> runtimes(RoutingContext rc) {
        Caller c = BearerAuthFilter.caller(rc);
        JsonNode all = deploy.get(c.workspaceId(), c.actor(), c.surface(), "/internal/runtimes");
        return Map.of("count", all.size(), "items", all);
    }

    /**
     * Plain text, a line per line, relayed as the deploy-service writes it; refusals come before any text. A relay
     * (followed, it lasts as long as the container) is one of the token's open streams until it ends; a 429 once the
     * token holds its most.
     */
    @GET
    @Path("/containers/{id}/logs")
    @Produces(MediaType.TEXT_PLAIN)
    public Response logs(RoutingContext rc, @PathParam("id") String containerId, @QueryParam("tail") String tail,
            @QueryParam("follow") String follow) {
        Caller c = BearerAuthFilter.caller(rc);
        String path = "/internal/containers/" + InternalClient.segment(containerId) + "/logs"
                + Paths.query("tail", tail, "follow", follow);
        StreamSlots.Slot slot = slots.acquire(Workspaces.bearer(rc.request().getHeader("Authorization")));
        StreamingOutput relay;
        try {
            relay = relay(c, path);
        } catch (RuntimeException e) {
            slot.close();
            throw e;
        }
        StreamingOutput held = out -> {
            try (slot) {
                relay.write(out);
            }
        };
        return Response.ok(held, MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).build();
    }

    private StreamingOutput relay(Caller c, String path) {
        HttpResponse<java.io.InputStream> response;
        try {
            response = HTTP.send(deploy.request(c.workspaceId(), c.actor(), c.surface(), path)
                    .setHeader("Accept", MediaType.TEXT_PLAIN).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ProblemException(503, "Service unavailable", "the deploy-service cannot be reached: " + e, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(503, "Service unavailable", "interrupted calling the deploy-service", null, null);
        }
        java.io.InputStream body = response.body();
        if (response.statusCode() >= 400) {
            throw InternalClient.refusal("deploy-service", response.statusCode(), body);
        }
        return out -> copy(body, out);
    }

    private static void copy(java.io.InputStream in, OutputStream out) throws IOException {
        try (in) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        }
    }
}
