package dev.ppl.operations.projection;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.ppl.operations.oplog.ProjectionProgress;

/** Ready once the projection has caught up with the operation log (before that, writes would wait) while its reader runs. */
@Readiness
@ApplicationScoped
public class ProjectionReadiness implements HealthCheck {
    private final ProjectionProgress progress;
    private final BackendProjector projector;

    public ProjectionReadiness(ProjectionProgress progress, BackendProjector projector) {
        this.progress = progress;
        this.projector = projector;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("backend-projection").status(progress.isCaughtUp() && projector.readerAlive())
                .build();
    }
}
