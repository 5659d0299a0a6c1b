package dev.ppl.operations.oplog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** How far each backend is projected is remembered for the most recently projected backends only. */
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
}
