package dev.ppl.deploy.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.ppl.deploy.DeployConfig;
import dev.ppl.deploy.runtime.ContainerListener;
import dev.ppl.deploy.runtime.RuntimeDriver;
import dev.ppl.deploy.runtime.Workload;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The {@code local} runtime: each container is a child process started with the component's
 * {@code local.command} in its folder. Output goes to {@code <data-dir>/logs/<container>.log}; a pid
 * file per process lets {@code ppl local down} and a restarted service find what is left over.
 */
@ApplicationScoped
public class LocalProcessDriver implements RuntimeDriver {
    private static final Logger LOG = Logger.getLogger(LocalProcessDriver.class);

    private final Map<String, Process> processes = new ConcurrentHashMap<>();
    private final Path logs;
    private final Path pids;

    public LocalProcessDriver(DeployConfig config) {
        this.logs = config.dataDir().resolve("logs");
        this.pids = config.dataDir().resolve("processes");
    }

    @Override
    public String id() {
        return "local";
    }

    @Override
    public String kind() {
        return "local";
    }

    void reapLeftovers(@Observes StartupEvent startup) throws IOException {
        Files.createDirectories(pids);
        try (Stream<Path> files = Files.list(pids)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                String container = file.getFileName().toString().replaceFirst("\\.pid$", "");
                List<String> lines = Files.readAllLines(file);
                if (!lines.isEmpty() && lines.get(0).strip().matches("\\d+")
                        && isContainer(Long.parseLong(lines.get(0).strip()), container)) {
                    LOG.infof("stopping leftover process %s of container %s", lines.get(0).strip(), container);
                    ProcessHandle.of(Long.parseLong(lines.get(0).strip())).ifPresent(LocalProcessDriver::kill);
                }
                Files.deleteIfExists(file);
            }
        }
    }

    void stopEverything(@Observes ShutdownEvent shutdown) {
        List.copyOf(processes.keySet()).forEach(this::stop);
    }

    @Override
    public void start(Workload workload, ContainerListener listener) {
        if (workload.descriptor().local() == null) {
            listener.terminated(workload.containerId(), -1,
                    "component '" + workload.descriptor().name()
                            + "' has no local.command, so the local runtime cannot run it");
            return;
        }
        String workdir = workload.descriptor().local().workdir();
        ProcessBuilder builder = new ProcessBuilder(workload.descriptor().local().command())
                .directory(workdir == null ? null : new File(workdir))
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(workload.environment());
        Process process;
        try {
            Files.createDirectories(logs);
            Files.createDirectories(pids);
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(workload.containerId() + ".log").toFile()));
            process = builder.start();
            Files.writeString(pidFile(workload.containerId()), process.pid() + "\n" + workload.deploymentId() + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            listener.terminated(workload.containerId(), -1, "could not start " + workload.descriptor().local().command()
                    + " in " + workdir + ": " + e.getMessage());
            return;
        }
        processes.put(workload.containerId(), process);
        LOG.infof("container %s (vertex %s) runs as pid %d", workload.containerId(), workload.vertexId(), process.pid());
        listener.running(workload.containerId());
        process.onExit().thenAccept(exited -> {
            // A process we stopped on purpose was removed first; only an unexpected exit is reported.
            if (processes.remove(workload.containerId(), exited)) {
                deletePidFile(workload.containerId());
                listener.terminated(workload.containerId(), exited.exitValue(), "exited with code " + exited.exitValue());
            }
        });
    }

    @Override
    public void stop(String containerId) {
        Process process = processes.remove(containerId);
        if (process != null) {
            kill(process.toHandle());
        }
        deletePidFile(containerId);
    }

    /** SIGTERM to the process and its children, then SIGKILL to whatever is still there after 10 s. */
    private static void kill(ProcessHandle process) {
        List<ProcessHandle> family = Stream.concat(process.descendants(), Stream.of(process)).toList();
        family.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ProcessHandle member : family) {
            try {
                member.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                member.destroyForcibly();
            } catch (ExecutionException | TimeoutException e) {
                member.destroyForcibly();
            }
        }
    }

    /** A pid is ours only if its environment names the container: a reused pid is never killed. */
    private static boolean isContainer(long pid, String containerId) {
        try {
            String environ = Files.readString(Path.of("/proc", Long.toString(pid), "environ"), StandardCharsets.ISO_8859_1);
            return environ.contains("PPL_CONTAINER_ID=" + containerId + "\0");
        } catch (IOException e) {
            return false;
        }
    }

    private Path pidFile(String containerId) {
        return pids.resolve(containerId + ".pid");
    }

    private void deletePidFile(String containerId) {
        try {
            Files.deleteIfExists(pidFile(containerId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
