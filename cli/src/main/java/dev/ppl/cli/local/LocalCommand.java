package dev.ppl.cli.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.cli.CliContext;
import dev.ppl.cli.CliException;
import dev.ppl.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "local", description = "The embedded local platform: a real Kafka broker, a real PostgreSQL and the four services, no Docker.", subcommands = {
        LocalCommand.Up.class, LocalCommand.Status.class, LocalCommand.Down.class })
public class LocalCommand {
    private static final int TAIL_BYTES = 64 * 1024;

    static Path dataDir(CliContext ctx, Path given) {
        return given != null ? ctx.cwd().resolve(given) : ctx.pplHome().resolve("local");
    }

    /** The repository whose built jars the platform runs: PPL_REPO, else two folders above the CLI jar. */
    static Path repo(CliContext ctx) {
        String fromEnv = ctx.env("PPL_REPO", null);
        if (fromEnv != null) {
            return Path.of(fromEnv).toAbsolutePath();
        }
        try {
            Path jar = Path.of(LocalCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().getParent().getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Command(name = "up", description = "Start the local platform and wait until every service is ready.")
    public static class Up implements Callable<Integer> {
        private final CliContext ctx;
        @Option(names = "--data-dir", description = "Where its data lives (default: $PPL_HOME/local).")
        Path dataDir;
        @Option(names = "--port-base", defaultValue = "18080", description = "Gateway port; the other services, PostgreSQL and Kafka take the next six (default: 18080).")
        int portBase;
        @Option(names = "--timeout-seconds", defaultValue = "180", description = "How long to wait for readiness.")
        int timeoutSeconds;

        public Up(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws IOException, InterruptedException {
            Path data = dataDir(ctx, dataDir);
            Optional<JsonNode> running = PlatformFiles.state(data);
            if (running.isPresent() && PlatformFiles.alive(running.get().path("pid").asLong())) {
                ctx.note("the local platform is already running (" + data + ")");
                printWhere(running.get());
                return ExitCodes.OK;
            }
            Path jar = repo(ctx).resolve("local-platform/target/local-platform.jar");
            if (!Files.isRegularFile(jar)) {
                throw new CliException(ExitCodes.UNREACHABLE,
                        jar + " is missing: build first with `mvn -B -DskipTests install`");
            }
            Files.createDirectories(data);
            Files.deleteIfExists(data.resolve("platform.json"));
            Path log = data.resolve("platform.out");
            ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-XX:+UseSerialGC", "-Xmx768m", "-jar",
                    jar.toString(), "run", "--ppl-home", ctx.pplHome().toString(), "--data-dir", data.toString(),
                    "--port-base", Integer.toString(portBase), "--repo", repo(ctx).toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().clear();
            builder.environment().putAll(ctx.env());
            Process platform = builder.start();
            ctx.note("starting the local platform (pid " + platform.pid() + ", log " + log + ")");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (System.nanoTime() < deadline) {
                if (!platform.isAlive()) {
                    ctx.note(tail(log, 20));
                    throw new CliException(ExitCodes.UNREACHABLE, "the local platform exited with code "
                            + platform.exitValue() + " before it was ready; see " + log);
                }
                Optional<JsonNode> state = PlatformFiles.state(data);
                if (state.isPresent() && state.get().path("pid").asLong() == platform.pid()
                        && PlatformFiles.allHealthy(state.get())) {
                    printWhere(state.get());
                    return ExitCodes.OK;
                }
                Thread.sleep(250);
            }
            platform.destroy();
            throw new CliException(ExitCodes.UNREACHABLE, "the local platform was not ready within " + timeoutSeconds
                    + "s; see " + log);
        }

        private void printWhere(JsonNode state) {
            for (Iterator<Map.Entry<String, JsonNode>> it = state.path("services").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> service = it.next();
                ctx.emit(String.format("%-20s %s", service.getKey(), service.getValue().path("url").asText()));
            }
            ctx.emit(String.format("%-20s %s", "kafka", state.path("kafka_bootstrap").asText()));
            ctx.emit(String.format("%-20s %s", "postgresql", "127.0.0.1:" + state.path("postgres_port").asText()));
        }
    }

    @Command(name = "status", description = "Show whether each service of the local platform is ready. Exit 0 if all are.")
    public static class Status implements Callable<Integer> {
        private final CliContext ctx;
        @Option(names = "--data-dir", description = "Where its data lives (default: $PPL_HOME/local).")
        Path dataDir;

        public Status(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Optional<JsonNode> state = PlatformFiles.state(dataDir(ctx, dataDir));
            if (state.isEmpty() || !PlatformFiles.alive(state.get().path("pid").asLong())) {
                ctx.emit("not running");
                return ExitCodes.TEST_FAILED;
            }
            boolean allUp = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = state.get().path("services").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> service = it.next();
                boolean up = PlatformFiles.healthy(service.getValue().path("url").asText());
                allUp &= up;
                ctx.emit(String.format("%-20s %-5s %s", service.getKey(), up ? "UP" : "DOWN",
                        service.getValue().path("url").asText()));
            }
            return allUp ? ExitCodes.OK : ExitCodes.TEST_FAILED;
        }
    }

    @Command(name = "down", description = "Stop the local platform and every process it started, components included.")
    public static class Down implements Callable<Integer> {
        private final CliContext ctx;
        @Option(names = "--data-dir", description = "Where its data lives (default: $PPL_HOME/local).")
        Path dataDir;

        public Down(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws IOException {
            Path data = dataDir(ctx, dataDir);
            Optional<JsonNode> state = PlatformFiles.state(data);
            Optional<ProcessHandle> platform = state.flatMap(s -> ProcessHandle.of(s.path("pid").asLong()))
                    .filter(ProcessHandle::isAlive);
            if (platform.isPresent()) {
                ProcessHandle handle = platform.get();
                handle.destroy();
                try {
                    handle.onExit().get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    ctx.note("the platform did not stop within 60s; killing it");
                    handle.destroyForcibly();
                }
            }
            int leftovers = stopLeftoverComponents(data.resolve("deploy/processes"));
            if (leftovers > 0) {
                ctx.note("stopped " + leftovers + " leftover component process(es)");
            }
            ctx.emit(platform.isPresent() ? "stopped" : "not running");
            return ExitCodes.OK;
        }

        private static int stopLeftoverComponents(Path pidFiles) throws IOException {
            if (!Files.isDirectory(pidFiles)) {
                return 0;
            }
            List<ProcessHandle> stopped = new ArrayList<>();
            try (Stream<Path> files = Files.list(pidFiles)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                    String container = file.getFileName().toString().replaceFirst("\\.pid$", "");
                    List<String> lines = Files.readAllLines(file);
                    if (!lines.isEmpty() && lines.get(0).strip().matches("\\d+")) {
                        long pid = Long.parseLong(lines.get(0).strip());
                        if (PlatformFiles.isContainer(pid, container)) {
                            ProcessHandle.of(pid).ifPresent(p -> {
                                p.descendants().forEach(ProcessHandle::destroyForcibly);
                                p.destroyForcibly();
                                stopped.add(p);
                            });
                        }
                    }
                    Files.deleteIfExists(file);
                }
            }
            return stopped.size();
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /**
     * The last {@code lines} lines of a log, from its last 64 KiB only: a service's log grows across runs, and what a
     * failed start printed is at its end.
     */
    private static String tail(Path log, int lines) {
        try (RandomAccessFile in = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(0, in.length() - TAIL_BYTES);
            byte[] end = new byte[(int) (in.length() - from)];
            in.seek(from);
            in.readFully(end);
            List<String> all = new ArrayList<>(List.of(new String(end, StandardCharsets.UTF_8).split("\n", -1)));
            if (from > 0) {
                // the first line was cut where the 64 KiB began
                all.remove(0);
            }
            if (!all.isEmpty() && all.get(all.size() - 1).isEmpty()) {
                all.remove(all.size() - 1);
            }
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
