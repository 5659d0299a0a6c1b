package dev.ppl.gateway.harness;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.codec.JsonCodec;
import dev.ppl.service.web.InvalidInputException;
import dev.ppl.service.web.ProblemException;
import io.smallrye.common.annotation.Blocking;

/**
 * The input harness: an authenticated HTTP POST becomes one record on the vertex's output: a JSON body for
 * {@code Input JSON HTTP}, the raw bytes of an image for {@code Input Image HTTP} (output type {@code Image}).
 */
@Path("/endpoints/in/{deployment}/{vertex}")
@Blocking
public class InputHarnessResource {
    private final EndpointTokens tokens;
    private final DeploymentRoutes routes;
    private final HarnessProducer producer;

    public InputHarnessResource(EndpointTokens tokens, DeploymentRoutes routes, HarnessProducer producer) {
        this.tokens = tokens;
        this.routes = routes;
        this.producer = producer;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response post(@PathParam("deployment") String deployment, @PathParam("vertex") String vertex,
            @HeaderParam("Authorization") String authorization, @QueryParam("token") String token, byte[] body) {
        String workspace = tokens.verify(EndpointTokens.fromRequest(authorization, token), deployment, vertex)
                .orElseThrow(() -> new ProblemException(401, "Unauthorized",
                        "this endpoint needs its token (from `ppl forward`) as Authorization: Bearer or ?token=", "token",
                        "the endpoint's token"));
        JsonNode route = routes.harnessVertex(workspace, deployment, vertex, "input");
        if (Images.isImage(route.path("outputs").path(0).path("type").asText(null))) {
            requireImage(body);
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

    /** Whole-image decode, so a record on the data plane is always an image its reader can decode. */
    private static void requireImage(byte[] body) {
        String expected = "an image the JDK can read (PNG, JPEG, GIF, BMP), as raw bytes";
        if (body == null || body.length == 0) {
            throw new InvalidInputException("body", expected, "the body is empty");
        }
        if (Images.read(body, true).isEmpty()) {
            throw new InvalidInputException("body", expected, "the body (" + body.length + " bytes) is no image the JDK "
                    + "can read");
        }
    }
}
