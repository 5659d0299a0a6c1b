package dev.ppl.operations.oplog;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while this instance's backend writer takes commands. The writer restarts itself after any failure
 * (replaying its partitions from the log); meanwhile commands for its partitions wait, so the instance says
 * it is not ready rather than answering 503s after the command timeout.
 */
@Readiness
@ApplicationScoped
public class WriterReadiness implements HealthCheck {
    private final OperationLog log;

    public WriterReadiness(OperationLog log) {
        this.log = log;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("backend-writer").status(log.writerServing()).build();
    }
}
