package dev.ppl.operations.oplog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** How far the projection has read: per backend for the most recently projected ones, and per partition. */
class ProjectionProgressTest {

    @Test
    void pastItsMaximumAPartitionForgetsTheLeastRecentlyProjectedBackendAndAlwaysKeepsTheNewest() throws Exception {
        ProjectionProgress progress = new ProjectionProgress(2);
        progress.advance(0, "bk_a", 3);
        progress.advance(0, "bk_b", 1);
        progress.advance(0, "bk_a", 4);
        progress.advance(0, "bk_c", 7);

        assertThat(progress.await(0, "bk_c", 7, Duration.ZERO, null)).isTrue();
        assertThat(progress.await(0, "bk_a", 4, Duration.ZERO, null)).isTrue();
        assertThat(progress.await(0, "bk_b", 1, Duration.ofMillis(20), null)).isFalse();
        assertThat(progress.await(1, "bk_b", 0, Duration.ZERO, null)).isFalse();
    }

    /**
     * A fork of, or a read of, a backend id keyed to a partition no record was ever written to waits for offset 0;
     * it was answered 503 after the whole projection wait instead of at once (found by ApiFuzzIT).
     */
    @Test
    void aPartitionNothingWasReadFromIsReadUpToOffsetZero() throws InterruptedException {
        ProjectionProgress progress = new ProjectionProgress(100);
        assertThat(progress.awaitPosition(2, 0, Duration.ofMillis(50), null)).isTrue();
        assertThat(progress.awaitPosition(2, 1, Duration.ofMillis(50), null)).isFalse();
        assertThat(progress.awaitPosition(2, 0, Duration.ofMillis(50), () -> -1)).isTrue();
    }

    @Test
    void aForgottenPartitionWaitsForItsRecordsAgain() throws InterruptedException {
        ProjectionProgress progress = new ProjectionProgress(100);
        progress.advancePosition(1, 7);
        assertThat(progress.awaitPosition(1, 7, Duration.ofMillis(50), null)).isTrue();

        progress.forget(1);

        assertThat(progress.awaitPosition(1, 7, Duration.ofMillis(50), null)).isFalse();
        assertThat(progress.awaitPosition(1, 0, Duration.ofMillis(50), null)).isTrue();
    }
}
