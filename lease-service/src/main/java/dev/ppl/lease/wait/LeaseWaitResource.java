package dev.ppl.lease.wait;

import java.time.Duration;
import java.util.concurrent.CancellationException;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestStreamElementType;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ppl.contracts.manifest.GoDuration;
import dev.ppl.lease.lease.LeaseService;
import dev.ppl.service.web.InvalidInputException;
import dev.ppl.service.web.Workspace;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * {@code GET /internal/leases/{id}/wait}: refusals (unknown lease, bad parameters) are problem responses;
 * once accepted, an NDJSON stream of wait events, each flushed when it happens, ending with one final
 * event (docs/internal-api.md).
 */
@Path("/internal/leases/{id}/wait")
public class LeaseWaitResource {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);

    private final LeaseService leases;
    private final LeaseWaiter waiter;

    public LeaseWaitResource(LeaseService leases, LeaseWaiter waiter) {
        this.leases = leases;
        this.waiter = waiter;
    }

    @GET
    @Produces("application/x-ndjson")
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Blocking
    public Multi<ObjectNode> waitFor(@HeaderParam(Workspace.HEADER) String workspace, @PathParam("id") String id,
            @QueryParam("until") String until, @QueryParam("max_crashes") String maxCrashes,
            @QueryParam("timeout") String timeout) {
        String workspaceId = Workspace.require(workspace);
        LeaseWaiter.Request request = new LeaseWaiter.Request(workspaceId, id, until(until), maxCrashes(maxCrashes),
                timeout == null || timeout.isBlank() ? DEFAULT_TIMEOUT : GoDuration.parse(timeout, "timeout"));
        leases.require(workspaceId, id);
        return Multi.createFrom().<ObjectNode> emitter(emitter -> {
            waiter.run(request, event -> {
                if (emitter.isCancelled()) {
                    throw new CancellationException("the client closed the stream");
                }
                emitter.emit(event);
            }, emitter::isCancelled);
            emitter.complete();
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static WaitProgress.Until until(String value) {
        if (value == null || value.isBlank() || value.equals("stable")) {
            return WaitProgress.Until.STABLE;
        }
        if (value.equals("started")) {
            return WaitProgress.Until.STARTED;
        }
        throw new InvalidInputException("until", "started or stable", "until must be started or stable; was '" + value + "'");
    }

    private static Integer maxCrashes(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below, as for a negative number
        }
        throw new InvalidInputException("max_crashes", "a whole number >= 0",
                "max_crashes must be a whole number >= 0; was '" + value + "'");
    }
}
