package dev.ppl.operations.projection;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.ppl.operations.oplog.ProjectionProgress;

/** Ready once the projection has caught up with the operation log: before that, writes would wait. */
@Readiness
@ApplicationScoped
public class ProjectionReadiness implements HealthCheck {
    private final ProjectionProgress progress;

    public ProjectionReadiness(ProjectionProgress progress) {
        this.progress = progress;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("backend-projection").status(progress.isCaughtUp()).build();
    }
}
