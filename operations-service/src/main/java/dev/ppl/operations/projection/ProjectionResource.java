package dev.ppl.operations.projection;

import java.util.Map;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.ppl.operations.oplog.ProjectionProgress;
import dev.ppl.service.web.ProblemException;
import io.smallrye.common.annotation.Blocking;

/** Operator endpoint: drop the projection and replay the operation log into it. */
@Path("/internal/projection")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ProjectionResource {
    private final BackendProjector projector;
    private final ProjectionProgress progress;

    public ProjectionResource(BackendProjector projector, ProjectionProgress progress) {
        this.projector = projector;
        this.progress = progress;
    }

    /** Answers once the replay has caught up with the log as it was when the rebuild started. */
    @POST
    @Path("/rebuild")
    public Map<String, Object> rebuild() throws InterruptedException {
        long started = System.nanoTime();
        projector.rebuild();
        if (!progress.awaitCaughtUp(java.time.Duration.ofMinutes(10))) {
            throw new ProblemException(503, "Service unavailable", "the rebuild has not caught up within 10 minutes", null,
                    null);
        }
        return Map.of("millis", (System.nanoTime() - started) / 1_000_000);
    }
}
