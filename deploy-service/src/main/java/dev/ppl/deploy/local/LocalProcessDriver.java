package dev.ppl.deploy.local;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import dev.ppl.deploy.DeployConfig;
import dev.ppl.deploy.runtime.ContainerListener;
import dev.ppl.deploy.runtime.LogLines;
import dev.ppl.deploy.runtime.RuntimeDriver;
import dev.ppl.deploy.runtime.Workload;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The {@code local} runtime: each container is a child process started with the component's
 * {@code local.command} in its folder. Output goes to {@code <data-dir>/logs/<container>.log}; a pid
 * file per process lets {@code ppl local down} and a restarted service find what is left over. A process
 * that exits on its own is started again after a back-off that doubles with every restart, as a kubelet
 * does, until the container is stopped.
 */
@ApplicationScoped
public class LocalProcessDriver implements RuntimeDriver {
    private static final Logger LOG = Logger.getLogger(LocalProcessDriver.class);

    /** How often a followed log is looked at for new lines. */
    private static final Duration FOLLOW_POLL = Duration.ofMillis(200);
    /** How much of a log file is read at a time. */
    private static final int READ_BUFFER = 64 * 1024;

    /** One a container started and not stopped: bounded by the processes this service runs, not by their output. */
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final Path logs;
    /** {@code <data-dir>/outputs/<deployment>/<vertex>}: each workload's {@code PPL_OUTPUT_DIR}. */
    private final Path outputs;
    private final Path pids;
    /** {@code <data-dir>/files/<container>}: each workload's {@code PPL_FILES_DIR}, its bound files by slot. */
    private final Path files;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final Duration backoffInitial;
    private final Duration backoffMax;
    private final int maxLogLineBytes;
    private final ScheduledExecutorService restarter = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "local-restarts");
        t.setDaemon(true);
        return t;
    });

    public LocalProcessDriver(DeployConfig config) {
        this.logs = config.dataDir().resolve("logs");
        this.outputs = config.dataDir().resolve("outputs");
        this.pids = config.dataDir().resolve("processes");
        this.files = config.dataDir().resolve("files");
        this.backoffInitial = config.restartBackoffInitial();
        this.backoffMax = config.restartBackoffMax();
        this.maxLogLineBytes = Math.toIntExact(config.maxLogLineBytes().asLongValue());
    }

    @Override
    public String id() {
        return "local";
    }

    @Override
    public String kind() {
        return "local";
    }

    /** Runs before the deployments resume theirs, so a process left from before is never running twice. */
    void reapLeftovers(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent startup) throws IOException {
        Files.createDirectories(pids);
        try (Stream<Path> files = Files.list(pids)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                String container = file.getFileName().toString().replaceFirst("\\.pid$", "");
                leftover(container).ifPresent(process -> {
                    LOG.infof("stopping leftover process %d of container %s", process.pid(), container);
                    kill(process);
                });
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * Stops every process with the service. Each container is reported waiting: nothing runs it until the
     * deploy-service starts again and its deployments resume it.
     */
    void stopEverything(@Observes ShutdownEvent shutdown) {
        for (Slot slot : List.copyOf(slots.values())) {
            String containerId = slot.workload.containerId();
            int restarts = slot.restarts();
            stop(containerId);
            report(containerId, () -> slot.listener.waiting(containerId, restarts,
                    "the deploy-service stopped and its processes with it; it starts again when the deploy-service does"));
        }
    }

    @Override
    public void start(Workload workload, ContainerListener listener) {
        if (workload.descriptor().local() == null) {
            listener.cannotStart(workload.containerId(), "component '" + workload.descriptor().name()
                    + "' has no local.command, so the local runtime cannot run it");
            return;
        }
        try {
            fetchFiles(workload);
        } catch (IOException e) {
            listener.cannotStart(workload.containerId(), e.getMessage());
            return;
        }
        Slot slot = new Slot(workload, listener);
        Slot previous = slots.put(workload.containerId(), slot);
        // A container runs once: starting it again replaces whatever still runs for it.
        if (previous != null) {
            Process process = previous.halt();
            if (process != null) {
                kill(process.toHandle());
            }
        }
        launch(slot);
    }

    @Override
    public void stop(String containerId) {
        Slot slot = slots.remove(containerId);
        if (slot != null) {
            Process process = slot.halt();
            if (process != null) {
                kill(process.toHandle());
            }
        } else {
            leftover(containerId).ifPresent(LocalProcessDriver::kill);
        }
        deletePidFile(containerId);
        deleteFiles(containerId);
    }

    @Override
    public Map<String, String> containers() {
        Map<String, String> found = new HashMap<>();
        try (Stream<Path> files = Files.isDirectory(pids) ? Files.list(pids) : Stream.empty()) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                List<String> lines = Files.readAllLines(file);
                if (lines.size() > 1) {
                    found.put(file.getFileName().toString().replaceFirst("\\.pid$", ""), lines.get(1).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        slots.forEach((containerId, slot) -> found.put(containerId, slot.workload.deploymentId()));
        return found;
    }

    @Override
    public Optional<Path> outputFile(String deploymentId, String vertexId, String key) {
        Path dir = outputs.resolve(deploymentId).resolve(vertexId).normalize();
        Path file = dir.resolve(key).normalize();
        if (!dir.startsWith(outputs) || !file.startsWith(dir) || file.equals(dir) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(file);
    }

    /**
     * Reads the log file a buffer at a time from where its last {@code tail} lines start: the file is never held
     * whole, however much the process wrote.
     */
    @Override
    public void logs(String containerId, int tail, boolean follow, Consumer<String> line, BooleanSupplier cancelled) {
        Path file = logs.resolve(containerId + ".log").normalize();
        if (!file.startsWith(logs) || !Files.isRegularFile(file)) {
            return;
        }
        // What follows the last newline is a line still being written: it is finished by what comes next.
        LogLines lines = new LogLines(maxLogLineBytes, line);
        byte[] buffer = new byte[READ_BUFFER];
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long position = tail < 0 ? 0 : tailStart(in, tail, buffer);
            in.seek(position);
            while (!cancelled.getAsBoolean()) {
                boolean running = slots.containsKey(containerId);
                int n = in.read(buffer);
                if (n > 0) {
                    lines.accept(buffer, 0, n);
                } else if (!follow || !running) {
                    return;
                } else {
                    Thread.sleep(FOLLOW_POLL.toMillis());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Where the last {@code tail} complete lines of the file start, found by reading back from its end a buffer at a
     * time: the newline that ends the last complete line, and {@code tail} more before it.
     */
    static long tailStart(RandomAccessFile in, int tail, byte[] buffer) throws IOException {
        long end = in.length();
        int newlines = 0;
        while (end > 0) {
            int n = (int) Math.min(buffer.length, end);
            in.seek(end - n);
            in.readFully(buffer, 0, n);
            for (int i = n - 1; i >= 0; i--) {
                if (buffer[i] == '\n' && ++newlines > tail) {
                    return end - n + i + 1;
                }
            }
            end -= n;
        }
        return 0;
    }

    @Override
    public void removeDeployment(String deploymentId) {
        Path dir = outputs.resolve(deploymentId).normalize();
        if (!dir.startsWith(outputs) || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Each bound file into {@code PPL_FILES_DIR/<slot>} before the process starts, as a pod's init container
     * does: once per container, so a restart finds them there.
     */
    private void fetchFiles(Workload workload) throws IOException {
        Path dir = files.resolve(workload.containerId());
        Files.createDirectories(dir);
        for (Map.Entry<String, Workload.BoundFile> bound : workload.files().entrySet()) {
            Path target = dir.resolve(bound.getKey()).normalize();
            if (!target.getParent().equals(dir)) {
                throw new IOException("file slot '" + bound.getKey() + "' is not a file name");
            }
            HttpRequest request = HttpRequest.newBuilder(bound.getValue().url()).timeout(Duration.ofMinutes(5)).build();
            HttpResponse<Path> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofFile(target));
            } catch (IOException e) {
                // The URL's query is its signature: only where it points goes into the message.
                URI url = bound.getValue().url();
                throw new IOException("file " + bound.getValue().fileId() + " (slot " + bound.getKey()
                        + ") could not be fetched from " + url.getScheme() + "://" + url.getAuthority() + ": "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while fetching file " + bound.getValue().fileId(), e);
            }
            if (response.statusCode() != 200) {
                Files.deleteIfExists(target);
                throw new IOException("file " + bound.getValue().fileId() + " (slot " + bound.getKey()
                        + ") could not be fetched: HTTP " + response.statusCode() + " from the gateway");
            }
        }
    }

    private void deleteFiles(String containerId) {
        Path dir = files.resolve(containerId);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> found = Files.walk(dir)) {
            for (Path path : found.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warnf("the files of container %s were not all deleted: %s", containerId, e.getMessage());
        }
    }

    @PreDestroy
    void shutdown() {
        restarter.shutdownNow();
    }

    private void launch(Slot slot) {
        Workload workload = slot.workload;
        String workdir = workload.descriptor().local().workdir();
        ProcessBuilder builder = new ProcessBuilder(workload.descriptor().local().command())
                .directory(workdir == null ? null : new File(workdir))
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(workload.containerId() + ".log").toFile()));
        builder.environment().putAll(workload.environment());
        Path outputDir = outputs.resolve(workload.deploymentId()).resolve(workload.vertexId());
        builder.environment().put("PPL_OUTPUT_DIR", outputDir.toString());
        builder.environment().put("PPL_FILES_DIR", files.resolve(workload.containerId()).toString());
        Process process = null;
        IOException failure = null;
        int restarts;
        synchronized (slot) {
            if (slot.stopped) {
                return;
            }
            try {
                Files.createDirectories(logs);
                Files.createDirectories(pids);
                Files.createDirectories(outputDir);
                process = builder.start();
                Files.writeString(pidFile(workload.containerId()), process.pid() + "\n" + workload.deploymentId() + "\n",
                        StandardCharsets.UTF_8);
                slot.process = process;
            } catch (IOException e) {
                failure = e;
                slot.stopped = true;
            }
            restarts = slot.restarts;
        }
        if (failure != null) {
            if (process != null) {
                kill(process.toHandle());
            }
            slots.remove(workload.containerId(), slot);
            String why = "could not start " + workload.descriptor().local().command() + " in " + workdir + ": "
                    + failure.getMessage();
            report(workload.containerId(), () -> slot.listener.cannotStart(workload.containerId(), why));
            return;
        }
        LOG.infof("container %s (vertex %s) runs as pid %d", workload.containerId(), workload.vertexId(), process.pid());
        report(workload.containerId(), () -> slot.listener.running(workload.containerId(), restarts));
        // Watched only once running is reported, so a process that exits at once is still reported in order.
        Process started = process;
        process.onExit().thenAccept(exited -> exited(slot, started));
    }

    private void exited(Slot slot, Process process) {
        String containerId = slot.workload.containerId();
        int restarts;
        synchronized (slot) {
            // A process stopped on purpose was taken out of its slot first; only an exit of its own is reported.
            if (slot.process != process) {
                return;
            }
            slot.process = null;
            restarts = slot.restarts;
        }
        deletePidFile(containerId);
        int code = process.exitValue();
        report(containerId, () -> slot.listener.terminated(containerId, code, restarts, "exited with code " + code));
        Duration delay = backoff(restarts);
        if (slot.isStopped()) {
            return;
        }
        report(containerId, () -> slot.listener.waiting(containerId, restarts,
                "restarting in " + delay.toMillis() + "ms (back-off after exit code " + code + ")"));
        synchronized (slot) {
            if (!slot.stopped) {
                slot.pending = restarter.schedule(() -> restart(slot), delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void restart(Slot slot) {
        synchronized (slot) {
            if (slot.stopped) {
                return;
            }
            slot.pending = null;
            slot.restarts++;
        }
        launch(slot);
    }

    /**
     * Tells the listener; a report that fails is logged and the container kept running all the same, since
     * the next report sets the record straight and a restart must not wait on a database or a broker.
     */
    private static void report(String containerId, Runnable report) {
        try {
            report.run();
        } catch (RuntimeException e) {
            LOG.errorf(e, "the state of container %s could not be reported", containerId);
        }
    }

    /** The initial back-off doubled once per restart so far, at most the maximum. */
    Duration backoff(int restarts) {
        long millis = backoffInitial.toMillis() << Math.min(restarts, 20);
        return Duration.ofMillis(Math.min(millis, backoffMax.toMillis()));
    }

    /** The process a container's pid file names, if it is still that container's. */
    private Optional<ProcessHandle> leftover(String containerId) {
        try {
            Path file = pidFile(containerId);
            List<String> lines = Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
            if (lines.isEmpty() || !lines.get(0).strip().matches("\\d+")) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).strip());
            return isContainer(pid, containerId) ? ProcessHandle.of(pid) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** One container: its current process, or the restart it waits for. Guarded by its own monitor. */
    private static final class Slot {
        final Workload workload;
        final ContainerListener listener;
        Process process;
        ScheduledFuture<?> pending;
        int restarts;
        boolean stopped;

        Slot(Workload workload, ContainerListener listener) {
            this.workload = workload;
            this.listener = listener;
        }

        synchronized int restarts() {
            return restarts;
        }

        synchronized boolean isStopped() {
            return stopped;
        }

        /** No more restarts; answers the process to kill, if one runs. */
        synchronized Process halt() {
            stopped = true;
            if (pending != null) {
                pending.cancel(false);
            }
            Process running = process;
            process = null;
            return running;
        }
    }
}
