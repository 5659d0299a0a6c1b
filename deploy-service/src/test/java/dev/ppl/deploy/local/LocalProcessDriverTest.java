package dev.ppl.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ppl.contracts.component.ComponentDescriptor;
import dev.ppl.deploy.DeployConfig;
import dev.ppl.deploy.runtime.ContainerListener;
import dev.ppl.deploy.runtime.Workload;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/** The local runtime with real child processes: environment, logs, pid files, stopping a process tree. */
class LocalProcessDriverTest {
    @TempDir
    Path dataDir;

    private final List<Process> strays = new ArrayList<>();
    private final List<String> reported = new CopyOnWriteArrayList<>();
    private final ContainerListener listener = new ContainerListener() {
        @Override
        public void running(String containerId) {
            reported.add(containerId + " running");
        }

        @Override
        public void terminated(String containerId, int exitCode, String message) {
            reported.add(containerId + " terminated " + exitCode + " " + message);
        }
    };

    private LocalProcessDriver driver;

    @AfterEach
    void killStrays() {
        strays.forEach(Process::destroyForcibly);
        if (driver != null) {
            driver.stopEverything(new ShutdownEvent());
        }
    }

    @Test
    void runsTheCommandWithTheEnvironmentLogsItsOutputAndStopsItsWholeProcessTree() throws Exception {
        driver = new LocalProcessDriver(config());
        driver.start(workload("ct_tree", "echo container=$PPL_CONTAINER_ID; echo oops >&2; sleep 300 & sleep 300 & wait"),
                listener);

        assertThat(reported).containsExactly("ct_tree running");
        List<String> pidFile = Files.readAllLines(dataDir.resolve("processes/ct_tree.pid"));
        assertThat(pidFile).hasSize(2);
        assertThat(pidFile.get(0)).matches("\\d+");
        assertThat(pidFile.get(1)).isEqualTo("dp_test");
        ProcessHandle shell = ProcessHandle.of(Long.parseLong(pidFile.get(0))).orElseThrow();
        Path log = dataDir.resolve("logs/ct_tree.log");
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(Files.readString(log)).contains("container=ct_tree", "oops"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> shell.descendants().count() == 2);
        List<ProcessHandle> tree = new ArrayList<>(shell.descendants().toList());
        tree.add(shell);

        driver.stop("ct_tree");

        assertThat(tree).noneMatch(ProcessHandle::isAlive);
        assertThat(dataDir.resolve("processes/ct_tree.pid")).doesNotExist();
        assertThat(reported).containsExactly("ct_tree running");
    }

    @Test
    void aProcessThatExitsOnItsOwnIsReportedTerminatedWithItsExitCode() {
        driver = new LocalProcessDriver(config());
        driver.start(workload("ct_exit", "exit 7"), listener);

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(reported)
                .containsExactly("ct_exit running", "ct_exit terminated 7 exited with code 7"));
        assertThat(dataDir.resolve("processes/ct_exit.pid")).doesNotExist();
    }

    @Test
    void aComponentWithoutALocalCommandIsReportedTerminatedWithoutStartingAnything() {
        ComponentDescriptor imageOnly = new ComponentDescriptor("imaged", "1", null, null, null, null, null, null,
                "registry/imaged:1", null, null, null);
        driver = new LocalProcessDriver(config());
        driver.start(new Workload("ct_img", "dp_test", "2", imageOnly, Map.of()), listener);

        assertThat(reported).singleElement().asString().startsWith("ct_img terminated -1").contains("no local.command");
    }

    @Test
    void atStartupALeftoverProcessOfAContainerIsStoppedButAReusedPidIsNeverKilled() throws Exception {
        Files.createDirectories(dataDir.resolve("processes"));
        Process leftover = sleeper(Map.of("PPL_CONTAINER_ID", "ct_left"));
        Process stranger = sleeper(Map.of("PPL_CONTAINER_ID", "ct_other"));
        Files.writeString(dataDir.resolve("processes/ct_left.pid"), leftover.pid() + "\ndp_old\n");
        Files.writeString(dataDir.resolve("processes/ct_reused.pid"), stranger.pid() + "\ndp_old\n");
        Files.writeString(dataDir.resolve("processes/ct_garbage.pid"), "not a pid\n");

        new LocalProcessDriver(config()).reapLeftovers(new StartupEvent());

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !leftover.isAlive());
        assertThat(stranger.isAlive()).isTrue();
        try (var files = Files.list(dataDir.resolve("processes"))) {
            assertThat(files).isEmpty();
        }
    }

    private Process sleeper(Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sleep", "300");
        builder.environment().putAll(env);
        Process process = builder.start();
        strays.add(process);
        return process;
    }

    private Workload workload(String containerId, String script) {
        ComponentDescriptor descriptor = new ComponentDescriptor("script", "1", null, null, null, null, null, null, null,
                new ComponentDescriptor.Local(List.of("sh", "-c", script), dataDir.toString()), null, null);
        return new Workload(containerId, "dp_test", "2", descriptor, Map.of("PPL_CONTAINER_ID", containerId));
    }

    private DeployConfig config() {
        return new DeployConfig() {
            @Override
            public String operationsUrl() {
                return "http://127.0.0.1:1";
            }

            @Override
            public Path dataDir() {
                return dataDir;
            }
        };
    }
}
