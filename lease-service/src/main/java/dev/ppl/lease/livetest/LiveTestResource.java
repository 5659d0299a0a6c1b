package dev.ppl.lease.livetest;

import java.util.concurrent.CancellationException;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestStreamElementType;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ppl.contracts.livetest.Failed;
import dev.ppl.contracts.livetest.LiveTestEvent;
import dev.ppl.contracts.livetest.StartLiveTest;
import dev.ppl.lease.lease.LeaseService;
import dev.ppl.lease.lease.LeaseState;
import dev.ppl.lease.lease.LeaseView;
import dev.ppl.lease.result.LeaseResultService;
import dev.ppl.service.web.ResourceConflictException;
import dev.ppl.service.web.Workspace;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * {@code POST /internal/leases/{id}/live-test}: refusals (bad start message, unknown lease, closed lease)
 * are problem responses; once accepted, the answer is an NDJSON stream, one live-test event per line,
 * each written and flushed when it happens, ending after {@code ready} or {@code failed}. Events go out
 * as the live-test codec's trees, so the line is exactly what the codec writes.
 */
@Path("/internal/leases/{id}/live-test")
public class LiveTestResource {
    static final String NDJSON = "application/x-ndjson";

    private final LeaseService leases;
    private final LiveTestSaga saga;
    private final LeaseResultService results;

    public LiveTestResource(LeaseService leases, LiveTestSaga saga, LeaseResultService results) {
        this.leases = leases;
        this.saga = saga;
        this.results = results;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(NDJSON)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Blocking
    public Multi<ObjectNode> run(@HeaderParam(Workspace.HEADER) String workspace, @PathParam("id") String id, String body) {
        String workspaceId = Workspace.require(workspace);
        StartLiveTest start = StartLiveTestReader.read(body);
        LeaseView lease = leases.get(workspaceId, id);
        if (!LeaseState.OPEN.wire().equals(lease.state())) {
            throw new ResourceConflictException("lease '" + id + "' is " + lease.state() + "; a live test needs an open lease",
                    "lease_id");
        }
        return Multi.createFrom().<ObjectNode> emitter(emitter -> {
            saga.run(lease, start, event -> {
                if (event instanceof Failed) {
                    // Recorded before it is sent: a client that sees failed can rely on the lease saying so.
                    results.record(workspaceId, id, "failed", LiveTestEvent.codec().toTree(event));
                }
                if (emitter.isCancelled()) {
                    throw new CancellationException("the client closed the stream");
                }
                emitter.emit(LiveTestEvent.codec().toTree(event));
            });
            emitter.complete();
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
