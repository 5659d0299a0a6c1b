package dev.ppl.gateway.harness;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.gateway.GatewayConfig;
import dev.ppl.gateway.limits.BodyLimits;
import dev.ppl.gateway.limits.BoundedInputStream;
import dev.ppl.service.web.InvalidInputException;
import dev.ppl.service.web.LimitExceededException;
import dev.ppl.service.web.ProblemException;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;

/**
 * The input harness: an authenticated HTTP POST becomes one record on the vertex's output: a JSON body for
 * {@code Input JSON HTTP}, the raw bytes of an image for {@code Input Image HTTP} (output type {@code Image}). The
 * token was checked before the body was read ({@link InputHarnessGuard}); the body is read here, bounded by
 * {@code ppl.gateway.limits.harness-input-body}.
 */
@Path("/endpoints/in/{deployment}/{vertex}")
@Blocking
public class InputHarnessResource {
    private final DeploymentRoutes routes;
    private final HarnessProducer producer;
    private final GatewayConfig.Limits limits;

    public InputHarnessResource(DeploymentRoutes routes, HarnessProducer producer, GatewayConfig config) {
        this.routes = routes;
        this.producer = producer;
        this.limits = config.limits();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response post(RoutingContext rc, @PathParam("deployment") String deployment, @PathParam("vertex") String vertex,
            InputStream in) throws IOException {
        String workspace = InputHarnessGuard.workspace(rc);
        JsonNode route = routes.harnessVertex(workspace, deployment, vertex, "input");
        byte[] body = BoundedInputStream.readAll(in, limits.harnessInputBody().asLongValue(),
                BodyLimits.RouteClass.HARNESS_INPUT.setting);
        if (Images.isImage(route.path("outputs").path(0).path("type").asText(null))) {
            requireImage(body, limits.imagePixels());
        } else {
            requireJson(body);
        }
        JsonNode output = route.path("outputs").path(0);
        if (output.isMissingNode()) {
            throw new ProblemException(409, "Conflict", "input vertex " + vertex + " is not connected to anything", null,
                    null);
        }
        List<String> topics = JsonCodec.mapper().convertValue(output.path("topics"),
                JsonCodec.mapper().getTypeFactory().constructCollectionType(List.class, String.class));
        String requestId = producer.send(topics, output.path("type").asText("t"), body);
        return Response.accepted(Map.of("request_id", requestId)).build();
    }

    private static void requireJson(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidInputException("body", "a JSON value", "the body is empty");
        }
        try {
            JsonCodec.mapper().readTree(body);
        } catch (IOException e) {
            throw new InvalidInputException("body", "a JSON value", "the body is not JSON: " + e.getMessage());
        }
    }

    /**
     * Whole-image decode, so a record on the data plane is always an image its reader can decode; but first the size
     * its header declares, because a few kilobytes of PNG can declare more pixels than the heap holds.
     */
    private static void requireImage(byte[] body, long maxPixels) {
        String expected = "an image the JDK can read (PNG, JPEG, GIF, BMP), as raw bytes";
        if (body == null || body.length == 0) {
            throw new InvalidInputException("body", expected, "the body is empty");
        }
        Images.read(body, false).ifPresent(header -> {
            long pixels = (long) header.width() * header.height();
            if (pixels > maxPixels) {
                throw LimitExceededException.tooMany("body", maxPixels, "pixels", "ppl.gateway.limits.image-pixels", pixels);
            }
        });
        if (Images.read(body, true).isEmpty()) {
            throw new InvalidInputException("body", expected, "the body (" + body.length + " bytes) is no image the JDK "
                    + "can read");
        }
    }
}
