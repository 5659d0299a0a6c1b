package dev.ppl.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import io.quarkus.runtime.configuration.MemorySize;

/**
 * The local runtime with real child processes: environment, logs, pid files, restarts with back-off,
 * stopping a process tree.
 */
class LocalProcessDriverTest {
    @TempDir
    Path dataDir;

    private final List<Process> strays = new ArrayList<>();
    private final List<String> reported = new CopyOnWriteArrayList<>();
    private final ContainerListener listener = new ContainerListener() {
        @Override
        public void running(String containerId, int restarts) {
            reported.add(containerId + " running " + restarts);
        }

        @Override
        public void waiting(String containerId, int restarts, String message) {
            reported.add(containerId + " waiting " + restarts + " " + message);
        }

        @Override
        public void terminated(String containerId, int exitCode, int restarts, String message) {
            reported.add(containerId + " terminated " + exitCode + " " + restarts + " " + message);
        }

        @Override
        public void cannotStart(String containerId, String message) {
            reported.add(containerId + " cannot start: " + message);
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
        driver = new LocalProcessDriver(config(Duration.ofMillis(50)));
        driver.start(workload("ct_tree", "echo container=$PPL_CONTAINER_ID; echo oops >&2; sleep 300 & sleep 300 & wait"),
                listener);

        assertThat(reported).containsExactly("ct_tree running 0");
        List<String> pidFile = Files.readAllLines(dataDir.resolve("processes/ct_tree.pid"));
        assertThat(pidFile).hasSize(2);
        assertThat(pidFile.get(0)).matches("\\d+");
        assertThat(pidFile.get(1)).isEqualTo("dp_test");
        assertThat(driver.containers()).isEqualTo(Map.of("ct_tree", "dp_test"));
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
        assertThat(driver.containers()).isEmpty();
        assertThat(reported).containsExactly("ct_tree running 0");
    }

    @Test
    void aProcessThatExitsOnItsOwnIsRestartedAfterABackOffThatDoublesUpToTheMaximumUntilItIsStopped() throws Exception {
        driver = new LocalProcessDriver(config(Duration.ofMillis(50)));
        driver.start(workload("ct_exit", "echo run; exit 7"), listener);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> reported.size() >= 12);
        driver.stop("ct_exit");
        int afterStop = reported.size();

        assertThat(reported.subList(0, 12)).containsExactly(
                "ct_exit running 0",
                "ct_exit terminated 7 0 exited with code 7",
                "ct_exit waiting 0 restarting in 50ms (back-off after exit code 7)",
                "ct_exit running 1",
                "ct_exit terminated 7 1 exited with code 7",
                "ct_exit waiting 1 restarting in 100ms (back-off after exit code 7)",
                "ct_exit running 2",
                "ct_exit terminated 7 2 exited with code 7",
                "ct_exit waiting 2 restarting in 200ms (back-off after exit code 7)",
                "ct_exit running 3",
                "ct_exit terminated 7 3 exited with code 7",
                "ct_exit waiting 3 restarting in 200ms (back-off after exit code 7)");
        Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> reported.size() == afterStop);
        assertThat(dataDir.resolve("processes/ct_exit.pid")).doesNotExist();
        assertThat(Files.readString(dataDir.resolve("logs/ct_exit.log"))).startsWith("run\nrun\nrun\nrun\n");
    }

    @Test
    void stoppingAContainerThatWaitsForItsRestartCancelsTheRestart() throws Exception {
        driver = new LocalProcessDriver(config(Duration.ofSeconds(1)));
        driver.start(workload("ct_wait", "exit 1"), listener);
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> reported.contains("ct_wait waiting 0 restarting in 1000ms (back-off after exit code 1)"));
        assertThat(driver.containers()).containsEntry("ct_wait", "dp_test");

        driver.stop("ct_wait");

        // The cancelled restart was due 1 s after the exit: nothing may start within half a second past that.
        Awaitility.await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> !reported.contains("ct_wait running 1"));
        assertThat(driver.containers()).isEmpty();
    }

    @Test
    void aComponentWithoutALocalCommandCannotStartAndNothingIsStarted() {
        ComponentDescriptor imageOnly = new ComponentDescriptor("imaged", "1", null, null, null, null, null, null,
                "registry/imaged:1", null, null, null, null);
        driver = new LocalProcessDriver(config(Duration.ofMillis(50)));
        driver.start(new Workload("ct_img", "dp_test", "2", imageOnly, Map.of()), listener);

        assertThat(reported).singleElement().asString().startsWith("ct_img cannot start: ").contains("no local.command");
        assertThat(driver.containers()).isEmpty();
    }

    @Test
    void aCommandThatCannotBeExecutedCannotStartAndIsNotRetried() throws Exception {
        ComponentDescriptor missing = new ComponentDescriptor("missing", "1", null, null, null, null, null, null, null,
                new ComponentDescriptor.Local(List.of(dataDir.resolve("no-such-program").toString()), dataDir.toString()),
                null, null, null);
        driver = new LocalProcessDriver(config(Duration.ofMillis(50)));
        driver.start(new Workload("ct_missing", "dp_test", "2", missing, Map.of()), listener);
        Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3)).until(() -> reported.size() == 1);

        assertThat(reported).singleElement().asString().startsWith("ct_missing cannot start: could not start");
        assertThat(driver.containers()).isEmpty();
    }

    @Test
    void atShutdownEveryProcessIsStoppedAndItsContainerReportedWaitingForTheServiceToStartAgain() throws Exception {
        driver = new LocalProcessDriver(config(Duration.ofMillis(50)));
        driver.start(workload("ct_down", "exec sleep 300"), listener);
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("processes/ct_down.pid")).get(0));

        driver.stopEverything(new ShutdownEvent());

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(reported).containsExactly("ct_down running 0", "ct_down waiting 0 the deploy-service stopped and its "
                + "processes with it; it starts again when the deploy-service does");
        assertThat(driver.containers()).isEmpty();
    }

    @Test
    void aLeftoverProcessFoundByItsPidFileIsListedWithItsDeploymentAndStoppedOnRequest() throws Exception {
        Files.createDirectories(dataDir.resolve("processes"));
        Process leftover = sleeper(Map.of("PPL_CONTAINER_ID", "ct_left"));
        Files.writeString(dataDir.resolve("processes/ct_left.pid"), leftover.pid() + "\ndp_old\n");
        driver = new LocalProcessDriver(config(Duration.ofMillis(50)));

        assertThat(driver.containers()).isEqualTo(Map.of("ct_left", "dp_old"));
        driver.stop("ct_left");

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !leftover.isAlive());
        assertThat(driver.containers()).isEmpty();
    }

    @Test
    void atStartupALeftoverProcessOfAContainerIsStoppedButAReusedPidIsNeverKilled() throws Exception {
        Files.createDirectories(dataDir.resolve("processes"));
        Process leftover = sleeper(Map.of("PPL_CONTAINER_ID", "ct_left"));
        Process stranger = sleeper(Map.of("PPL_CONTAINER_ID", "ct_other"));
        Files.writeString(dataDir.resolve("processes/ct_left.pid"), leftover.pid() + "\ndp_old\n");
        Files.writeString(dataDir.resolve("processes/ct_reused.pid"), stranger.pid() + "\ndp_old\n");
        Files.writeString(dataDir.resolve("processes/ct_garbage.pid"), "not a pid\n");

        new LocalProcessDriver(config(Duration.ofMillis(50))).reapLeftovers(new StartupEvent());

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !leftover.isAlive());
        assertThat(stranger.isAlive()).isTrue();
        try (var files = Files.list(dataDir.resolve("processes"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void theLastLinesOfA50MegabyteLogAreReadFromItsEndWithoutLoadingTheLog() throws Exception {
        Path log = dataDir.resolve("logs/ct_big.log");
        Files.createDirectories(log.getParent());
        String line = "x".repeat(999) + "\n";
        try (var out = Files.newBufferedWriter(log)) {
            for (int i = 0; i < 50 * 1024; i++) {
                out.write(line);
            }
            out.write("second to last\nlast\nstill being writ");
        }
        driver = new LocalProcessDriver(config(Duration.ofMillis(50)));
        List<String> seen = new ArrayList<>();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        driver.logs("ct_big", 2, false, seen::add, () -> false);

        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(seen).containsExactly("second to last", "last");
        assertThat(allocated).isLessThan(2L * 1024 * 1024);
    }

    @Test
    void aWholeLogIsHandedOverAsItIsReadAndALineLongerThanTheMaximumComesInPieces() throws Exception {
        Path log = dataDir.resolve("logs/ct_long.log");
        Files.createDirectories(log.getParent());
        Files.writeString(log, "first\n" + "y".repeat(200 * 1024) + "\nafter\n");
        driver = new LocalProcessDriver(config(Duration.ofMillis(50)));
        List<String> seen = new ArrayList<>();

        driver.logs("ct_long", -1, false, seen::add, () -> false);

        assertThat(seen).hasSize(6);
        assertThat(seen.get(0)).isEqualTo("first");
        assertThat(seen.subList(1, 5)).allMatch(piece -> piece.length() <= 64 * 1024);
        assertThat(String.join("", seen.subList(1, 5))).isEqualTo("y".repeat(200 * 1024));
        assertThat(seen.get(5)).isEqualTo("after");
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
                new ComponentDescriptor.Local(List.of("sh", "-c", script), dataDir.toString()), null, null, null);
        return new Workload(containerId, "dp_test", "2", descriptor, Map.of("PPL_CONTAINER_ID", containerId));
    }

    /** A back-off starting at {@code backoff} and doubling up to four times that. */
    private DeployConfig config(Duration backoff) {
        return new DeployConfig() {
            @Override
            public String operationsUrl() {
                return "http://127.0.0.1:1";
            }

            @Override
            public Path dataDir() {
                return dataDir;
            }

            @Override
            public String leaseUrl() {
                return "http://127.0.0.1:1";
            }

            @Override
            public Duration restartBackoffInitial() {
                return backoff;
            }

            @Override
            public Duration restartBackoffMax() {
                return backoff.multipliedBy(4);
            }

            @Override
            public int maxRestarts() {
                return 10;
            }

            @Override
            public int maxLogTailLines() {
                return 10_000;
            }

            @Override
            public MemorySize maxLogLineBytes() {
                return new MemorySize(java.math.BigInteger.valueOf(64 * 1024));
            }

            @Override
            public Duration settlePeriod() {
                return Duration.ofSeconds(2);
            }

            @Override
            public Optional<String> fileSigningKey() {
                return Optional.empty();
            }

            @Override
            public String gatewayUrl() {
                return "http://127.0.0.1:1";
            }

            @Override
            public Duration fileUrlValidity() {
                return Duration.ofHours(1);
            }

            @Override
            public Map<String, KubernetesRuntime> kubernetes() {
                return Map.of();
            }

            @Override
            public Duration janitorInterval() {
                return Duration.ofSeconds(5);
            }

            @Override
            public Duration janitorGrace() {
                return Duration.ofSeconds(10);
            }
        };
    }
}
