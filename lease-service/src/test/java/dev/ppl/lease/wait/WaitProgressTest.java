package dev.ppl.lease.wait;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ppl.contracts.deploy.ContainerStatus;
import dev.ppl.contracts.deploy.ContainerStatusChanged;
import dev.ppl.contracts.deploy.DeploymentStatusChanged;

class WaitProgressTest {
    private static final Instant T = Instant.parse("2026-11-25T00:00:00Z");

    @Test
    void aSpentCrashBudgetReportsTheLastExitCodeEvenWhenTheLastEventIsAWait() {
        WaitProgress progress = new WaitProgress(WaitProgress.Until.STABLE, 2);
        progress.apply(container(ContainerStatus.TERMINATED, 3, 2, 1));
        progress.apply(container(ContainerStatus.WAITING, null, 2, 2));
        assertThat(progress.outcome()).isEmpty();
        progress.apply(container(ContainerStatus.RUNNING, null, 3, 3));

        ObjectNode failed = progress.outcome().orElseThrow();
        assertThat(failed.get("reason").asText()).isEqualTo("crash_budget_exhausted");
        assertThat(failed.get("exit_code").asInt()).isEqualTo(3);
        assertThat(failed.get("restarts").asInt()).isEqualTo(3);
    }

    @Test
    void anOlderEventChangesNothingAndStartedNeedsEveryDeploymentRunning() {
        WaitProgress progress = new WaitProgress(WaitProgress.Until.STARTED, null);
        progress.apply(new DeploymentStatusChanged("dp_a", "ls_a", "running", null, null, T.plusMillis(5)));
        assertThat(progress.apply(new DeploymentStatusChanged("dp_a", "ls_a", "starting", null, null, T))).isEmpty();
        assertThat(progress.outcome().orElseThrow().get("type").asText()).isEqualTo("started");

        progress.apply(new DeploymentStatusChanged("dp_b", "ls_a", "starting", null, null, T.plusMillis(6)));
        assertThat(progress.outcome()).isEmpty();
    }

    @Test
    void aStableWaitIsNotSatisfiedByRunningAndEndsFailedWhenTheDeploymentFails() {
        WaitProgress progress = new WaitProgress(WaitProgress.Until.STABLE, null);
        progress.apply(new DeploymentStatusChanged("dp_a", "ls_a", "running", null, null, T));
        assertThat(progress.outcome()).isEmpty();
        progress.apply(new DeploymentStatusChanged("dp_a", "ls_a", "failed", "crashed 11 times", 3, T.plusMillis(1)));
        ObjectNode failed = progress.outcome().orElseThrow();
        assertThat(failed.get("reason").asText()).isEqualTo("deployment_failed");
        assertThat(failed.get("exit_code").asInt()).isEqualTo(3);
    }

    private static ContainerStatusChanged container(ContainerStatus status, Integer exitCode, int restarts, int millis) {
        return new ContainerStatusChanged("dp_a", "ct_1", "2", "ls_a", status, exitCode, restarts, null,
                T.plusMillis(millis));
    }
}
