package dev.ppl.operations.oplog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ProjectionProgressTest {
    private final ProjectionProgress progress = new ProjectionProgress();

    /**
     * A fork of, or a read of, a backend id keyed to a partition no record was ever written to waits for offset 0;
     * it was answered 503 after the whole projection wait instead of at once (found by ApiFuzzIT).
     */
    @Test
    void aPartitionNothingWasReadFromIsReadUpToOffsetZero() throws InterruptedException {
        assertThat(progress.awaitPosition(2, 0, Duration.ofMillis(50), null)).isTrue();
        assertThat(progress.awaitPosition(2, 1, Duration.ofMillis(50), null)).isFalse();
        assertThat(progress.awaitPosition(2, 0, Duration.ofMillis(50), () -> -1)).isTrue();
    }

    @Test
    void aForgottenPartitionWaitsForItsRecordsAgain() throws InterruptedException {
        progress.advancePosition(1, 7);
        assertThat(progress.awaitPosition(1, 7, Duration.ofMillis(50), null)).isTrue();

        progress.forget(1);

        assertThat(progress.awaitPosition(1, 7, Duration.ofMillis(50), null)).isFalse();
        assertThat(progress.awaitPosition(1, 0, Duration.ofMillis(50), null)).isTrue();
    }
}
