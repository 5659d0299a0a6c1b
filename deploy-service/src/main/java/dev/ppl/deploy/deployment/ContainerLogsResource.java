package dev.ppl.deploy.deployment;

import java.util.concurrent.CancellationException;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.ppl.deploy.runtime.RuntimeDriver;
import dev.ppl.service.web.InvalidInputException;
import dev.ppl.service.web.Workspace;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * {@code GET /internal/containers/{id}/logs?tail=&follow=}: a container's stdout and stderr as plain text,
 * one line per line, each written as it is read; with {@code follow} the answer stays open for new lines
 * until the client goes away or the container is stopped. Refusals (unknown container, bad {@code tail}) are
 * problem responses before any text.
 */
@Path("/internal/containers/{id}/logs")
public class ContainerLogsResource {
    private final DeploymentService deployments;

    public ContainerLogsResource(DeploymentService deployments) {
        this.deployments = deployments;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Blocking
    public Multi<String> logs(@HeaderParam(Workspace.HEADER) String workspace, @PathParam("id") String id,
            @QueryParam("tail") String tail, @QueryParam("follow") String follow) {
        int lines = tail(tail);
        boolean following = flag(follow);
        RuntimeDriver driver = deployments.driverOfContainer(Workspace.require(workspace), id);
        return Multi.createFrom().<String> emitter(emitter -> {
            driver.logs(id, lines, following, line -> {
                if (emitter.isCancelled()) {
                    throw new CancellationException("the client closed the stream");
                }
                emitter.emit(line + "\n");
            }, emitter::isCancelled);
            emitter.complete();
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static int tail(String value) {
        if (value == null || value.isBlank()) {
            return -1;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below, as for a negative number
        }
        throw new InvalidInputException("tail", "a whole number >= 0", "tail must be a whole number >= 0; was '" + value + "'");
    }

    private static boolean flag(String value) {
        if (value == null || value.isEmpty() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new InvalidInputException("follow", "true or false", "follow must be true or false; was '" + value + "'");
    }
}
