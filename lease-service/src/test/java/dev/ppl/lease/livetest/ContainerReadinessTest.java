package dev.ppl.lease.livetest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.ppl.contracts.livetest.ContainerEvent;
import dev.ppl.contracts.livetest.Failed;

class ContainerReadinessTest {
    private static final Map<String, String> NAMES = Map.of("1", "in", "2", "cut", "3", "out");

    private static ContainerReadiness twoContainers() {
        Map<String, String> containers = new LinkedHashMap<>();
        containers.put("ct_a", "2");
        containers.put("ct_b", "3");
        return new ContainerReadiness(containers, NAMES);
    }

    @Test
    void reportsEachContainerOnceWhenItRunsAndIsReadyWhenAllRun() {
        ContainerReadiness readiness = twoContainers();
        assertThat(readiness.observe("ct_a", "waiting", 0, null, null)).isEmpty();
        assertThat(readiness.observe("ct_a", "running", 0, null, null)).get().isEqualTo(
                new ContainerEvent("ct_a", "cut", "2", "running", 0, null, null));
        assertThat(readiness.ready()).isFalse();
        assertThat(readiness.observe("ct_a", "running", 0, null, null)).as("the same state twice").isEmpty();
        assertThat(readiness.observe("ct_b", "running", 1, null, null)).get()
                .isEqualTo(new ContainerEvent("ct_b", "out", "3", "running", 1, null, null));
        assertThat(readiness.ready()).isTrue();
    }

    @Test
    void aContainerThatTerminatesFailsTheDeployNamingItsVertexAndExitCode() {
        ContainerReadiness readiness = twoContainers();
        assertThat(readiness.observe("ct_a", "terminated", 0, 3, "exited")).get()
                .isEqualTo(new Failed("deploy", "container ct_a (vertex cut) exited with code 3: exited", null));
        assertThat(readiness.ready()).isFalse();
    }

    @Test
    void aContainerThatStopsAfterRunningButBeforeTheOthersRunAlsoFails() {
        ContainerReadiness readiness = twoContainers();
        readiness.observe("ct_a", "running", 0, null, null);
        assertThat(readiness.observe("ct_a", "terminated", 0, null, "killed")).get()
                .isEqualTo(new Failed("deploy", "container ct_a (vertex cut) terminated: killed", null));
    }

    @Test
    void ignoresContainersOfOtherDeployments() {
        ContainerReadiness readiness = twoContainers();
        assertThat(readiness.observe("ct_other", "terminated", 0, 1, "boom")).isEmpty();
    }

    @Test
    void aGraphWithoutWorkloadContainersIsReadyAtOnce() {
        assertThat(new ContainerReadiness(Map.of(), NAMES).ready()).isTrue();
    }

    @Test
    void aTimeoutNamesTheContainersThatNeverRan() {
        ContainerReadiness readiness = twoContainers();
        readiness.observe("ct_b", "running", 0, null, null);
        assertThat(readiness.timedOut(Duration.ofSeconds(90))).isEqualTo(new Failed("deploy",
                "timed out after 90s waiting for containers to run: ct_a (vertex cut)", null));
    }
}
