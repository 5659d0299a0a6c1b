package dev.ppl.deploy.deployment;

import java.util.concurrent.CancellationException;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.ppl.deploy.DeployConfig;
import dev.ppl.deploy.runtime.RuntimeDriver;
import dev.ppl.service.web.InvalidInputException;
import dev.ppl.service.web.LimitExceededException;
import dev.ppl.service.web.Workspace;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * {@code GET /internal/containers/{id}/logs?tail=&follow=}: a container's stdout and stderr as plain text,
 * one line per line, each written as it is read; with {@code follow} the answer stays open for new lines
 * until the client goes away or the container is stopped. Refusals (unknown container, bad {@code tail}, a
 * {@code tail} over {@code ppl.deploy.max-log-tail-lines}) are problem responses before any text. A line is read
 * only once the client has asked for one, so a client slower than the disk never makes the service hold the log.
 */
@Path("/internal/containers/{id}/logs")
public class ContainerLogsResource {
    /** How often a reader waiting for the client looks again, should a request or a cancellation go unsignalled. */
    private static final long DEMAND_CHECK_MILLIS = 1000;

    private final DeploymentService deployments;
    private final int maxTailLines;

    public ContainerLogsResource(DeploymentService deployments, DeployConfig config) {
        this.deployments = deployments;
        this.maxTailLines = config.maxLogTailLines();
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
            Object demand = new Object();
            emitter.onRequest(n -> signal(demand));
            emitter.onCancellation(() -> signal(demand));
            driver.logs(id, lines, following, line -> {
                awaitDemand(emitter, demand);
                emitter.emit(line + "\n");
            }, emitter::isCancelled);
            emitter.complete();
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /**
     * Blocks the reading worker until the client has asked for another line: the emitter would otherwise buffer
     * every line read ahead of a slow client, without a bound.
     */
    static void awaitDemand(MultiEmitter<?> emitter, Object demand) {
        synchronized (demand) {
            while (emitter.requested() == 0 && !emitter.isCancelled()) {
                try {
                    demand.wait(DEMAND_CHECK_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted while waiting for the client");
                }
            }
        }
        if (emitter.isCancelled()) {
            throw new CancellationException("the client closed the stream");
        }
    }

    private static void signal(Object demand) {
        synchronized (demand) {
            demand.notifyAll();
        }
    }

    private int tail(String value) {
        if (value == null || value.isBlank()) {
            return -1;
        }
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n > maxTailLines) {
            throw LimitExceededException.tooMany("tail", maxTailLines, "lines", "ppl.deploy.max-log-tail-lines", n);
        }
        if (n >= 0) {
            return (int) n;
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
