package dev.ppl.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.Topics;
import dev.ppl.contracts.codec.JsonCodec;

/**
 * Backend operations on a running platform, each next to the same broker used directly:
 * <ul>
 * <li>single-operation latency: sequential {@code change-parameter} operations through
 * {@code POST /v1/backends/{id}/operations}, against sequential {@code send(...).get()} of a record of the same size
 * ({@code acks=all}, idempotent, {@code linger.ms=0}) on a scratch topic of 3 partitions;</li>
 * <li>patch throughput: patches of {@code change-parameter} operations through {@code POST /v1/backends/{id}/patch},
 * against asynchronous sends of as many records and a flush (default batching);</li>
 * <li>rebuild: a backend grown to 100,000 operations, then {@code POST /internal/projection/rebuild} on the
 * operations-service, events in {@code ppl.backend.operations} per second, against a {@code read_committed} read of
 * the whole topic.</li>
 * </ul>
 * Each is measured twice: cold, first thing on the platform as the run finds it (a fresh one is still compiling), and
 * warm, the same way again after a warm-up of {@code --warmup-seconds} that runs the same paths. The raw Kafka figure
 * is measured right after each, in both phases. Prints a Markdown table for {@code docs/benchmarks.md}, then the raw
 * numbers. Progress goes to stderr. Run it through {@code bin/bench-operations}.
 */
public final class OperationsBenchmark {
    private static final Duration CALL = Duration.ofSeconds(60);
    private static final Duration LONG_CALL = Duration.ofMinutes(11);
    private static final int WARMUP_ROUND_OPS = 20;

    private final Options o;
    private final Target target;
    private final Http gateway;
    private final List<String> raw = new ArrayList<>();
    private final String stamp = Long.toString(System.currentTimeMillis());
    private String versionId;
    private String workspaceId;
    /** {backend id, vertex id} of the backends that both phases and the warm-up change. */
    private String[] latencyBackend;
    private String[] patchBackend;
    /** Parameter values never repeat, so every operation changes something. */
    private long nextValue;
    /** The OperationRecorded event of a change-parameter answer as JSON: the raw records' value. */
    private byte[] rawValue;
    private Growth growth;

    private OperationsBenchmark(Options o, Target target) {
        this.o = o;
        this.target = target;
        this.gateway = Http.gateway(target.gateway(), target.token());
    }

    public static void main(String[] args) {
        Options o;
        Target target;
        try {
            o = Options.parse(args);
            target = Target.resolve(o);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            new OperationsBenchmark(o, target).run();
        } catch (Exception e) {
            System.err.println("benchmark failed: " + e);
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                System.err.println("  caused by: " + cause);
            }
            System.exit(1);
        }
    }

    private void run() throws Exception {
        raw("target: gateway " + target.gateway() + ", operations-service " + target.operations() + ", kafka "
                + target.kafka());
        raw("client: " + Runtime.getRuntime().availableProcessors() + " cpus, java " + System.getProperty("java.version")
                + ", load at start " + load());
        setup();
        Figures cold;
        Figures warm = null;
        try (RawKafka kafka = new RawKafka(target.kafka())) {
            raw("scratch topic " + kafka.scratchTopic() + " (3 partitions; deleted at the end)");
            latencyBackend = backendWithVertex("bench-latency");
            patchBackend = backendWithVertex("bench-patch");
            cold = measure("cold", kafka);
            if (o.warmupSeconds > 0) {
                warmUp();
                warm = measure("warm", kafka);
            }
        }
        raw("load at end " + load());
        print(cold, warm);
    }

    /** Every metric once, each followed by its raw Kafka figure. */
    private Figures measure(String phase, RawKafka kafka) throws Exception {
        progress("---- " + phase + " ----");
        Figures f = new Figures(phase);
        latency(f, kafka);
        patches(f, kafka);
        if (o.rebuild) {
            if (growth == null) {
                growth = grow(backendWithVertex("bench-rebuild"), o.rebuildOps);
            }
            rebuild(f, kafka);
        }
        return f;
    }

    /** What one phase measured; the direct figures stay null with {@code --no-direct}. */
    private static final class Figures {
        final String phase;
        Latencies gateway;
        Latencies direct;
        Latencies raw;
        double patchRate;
        Double patchDirectRate;
        double patchRawRate;
        long rebuildEvents;
        double rebuildSeconds;
        double rebuildRawSeconds;

        Figures(String phase) {
            this.phase = phase;
        }

        double rebuildRate() {
            return rebuildEvents / rebuildSeconds;
        }

        double rebuildRawRate() {
            return rebuildEvents / rebuildRawSeconds;
        }
    }

    /** The growing of the rebuild backend, done and timed once: the warm rebuild replays the same log. */
    private record Growth(int patches, double seconds) {
    }

    // ---- setup ----

    private void setup() throws Exception {
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("name", "bench-ops-" + stamp);
        descriptor.put("version", "0.1.0");
        descriptor.put("description", "bin/bench-operations: one Int parameter, never deployed");
        descriptor.put("config_schema", Map.of("n", Map.of("type", "Int")));
        descriptor.put("local", Map.of("command", List.of("true")));
        JsonNode version = gateway.post("/v1/components/versions",
                Http.json(Map.of("descriptor", descriptor, "prerelease", true)), CALL).path("data");
        versionId = version.path("id").asText();
        workspaceId = version.path("workspace_id").asText(null);
        progress("published " + descriptor.get("name") + " (version " + versionId + ", workspace " + workspaceId + ")");
    }

    /** A new backend with one vertex of the benchmark component; answers {backend id, vertex id}. */
    private String[] backendWithVertex(String name) throws Exception {
        String backend = gateway.post("/v1/backends", Http.json(Map.of("name", name + "-" + stamp)), CALL).path("data")
                .path("backend_id").asText();
        String vertex = gateway.post("/v1/backends/" + backend + "/operations",
                Http.json(Map.of("type", "add-vertex", "version_id", versionId)), CALL).path("data").path("vertex_id")
                .asText();
        progress("backend " + backend + " with vertex " + vertex);
        return new String[] { backend, vertex };
    }

    private boolean direct() {
        return o.direct && workspaceId != null;
    }

    private Http operations() {
        return Http.internal(target.operations(), workspaceId);
    }

    private String changeParameter(String vertex) {
        return "{\"type\":\"change-parameter\",\"vertex_id\":" + Http.json(vertex)
                + ",\"name\":\"n\",\"value_type\":\"Int\",\"value\":\"" + nextValue++ + "\"}";
    }

    private String patch(String vertex, int size) {
        StringBuilder b = new StringBuilder(size * 100).append("{\"operations\":[");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(changeParameter(vertex));
        }
        return b.append("]}").toString();
    }

    // ---- warm-up ----

    /**
     * Runs the measured paths for {@code --warmup-seconds}: a backend of a tenth of the rebuild backend's size grown
     * and one rebuild (which, as every rebuild, replays the whole topic), then rounds of single operations and a patch
     * of a tenth of the measured size, through the gateway and directly, until the time is up.
     */
    private void warmUp() throws Exception {
        progress("---- warm-up: " + o.warmupSeconds + " s (load " + load() + ") ----");
        long t0 = System.nanoTime();
        long deadline = t0 + o.warmupSeconds * 1_000_000_000L;
        if (o.rebuild) {
            grow(backendWithVertex("bench-warmup"), Math.max(2, o.rebuildOps / 10));
            long r0 = System.nanoTime();
            Http.internal(target.operations(), null).post("/internal/projection/rebuild", null, LONG_CALL);
            raw(String.format("warm-up rebuild: %.3f s (load %s)", (System.nanoTime() - r0) / 1e9, load()));
        }
        Http ops = direct() ? operations() : null;
        // Smaller patches than the measured ones: the same code, but the warm rebuild replays every event the
        // warm-up writes, and full-size patches would make its topic several times the cold one's.
        int warmupPatch = Math.max(1, o.patchSize / 10);
        String single = "/backends/" + latencyBackend[0] + "/operations";
        String patch = "/backends/" + patchBackend[0] + "/patch";
        int rounds = 0;
        do {
            for (int i = 0; i < WARMUP_ROUND_OPS; i++) {
                gateway.post("/v1" + single, changeParameter(latencyBackend[1]), CALL);
                if (ops != null) {
                    ops.post("/internal" + single, changeParameter(latencyBackend[1]), CALL);
                }
            }
            gateway.post("/v1" + patch, patch(patchBackend[1], warmupPatch), LONG_CALL);
            if (ops != null) {
                ops.post("/internal" + patch, patch(patchBackend[1], warmupPatch), LONG_CALL);
            }
            rounds++;
        } while (System.nanoTime() < deadline);
        raw(String.format("warm-up: %d rounds of %d single operations and 1 patch of %d, through the gateway%s, in"
                + " %.1f s all told (load %s)", rounds, WARMUP_ROUND_OPS, warmupPatch, ops != null ? " and directly" : "",
                (System.nanoTime() - t0) / 1e9, load()));
    }

    // ---- single-operation latency ----

    private void latency(Figures f, RawKafka kafka) throws Exception {
        String[] bv = latencyBackend;
        String path = "/v1/backends/" + bv[0] + "/operations";
        progress(f.phase + ": single operations through the gateway: " + o.warmup + " warm-up, " + o.ops
                + " measured (load " + load() + ")");
        JsonNode last = null;
        for (int i = 0; i < o.warmup; i++) {
            last = gateway.post(path, changeParameter(bv[1]), CALL);
        }
        f.gateway = new Latencies(o.ops);
        for (int i = 0; i < o.ops; i++) {
            String body = changeParameter(bv[1]);
            long t0 = System.nanoTime();
            last = gateway.post(path, body, CALL);
            f.gateway.add(System.nanoTime() - t0);
        }
        raw(f.phase + ": single operation via gateway: " + f.gateway.summary() + " (load " + load() + ")");

        if (direct()) {
            Http ops = operations();
            String internalPath = "/internal/backends/" + bv[0] + "/operations";
            progress(f.phase + ": single operations straight to the operations-service (no gateway)");
            for (int i = 0; i < o.warmup; i++) {
                ops.post(internalPath, changeParameter(bv[1]), CALL);
            }
            f.direct = new Latencies(o.ops);
            for (int i = 0; i < o.ops; i++) {
                String body = changeParameter(bv[1]);
                long t0 = System.nanoTime();
                ops.post(internalPath, body, CALL);
                f.direct.add(System.nanoTime() - t0);
            }
            raw(f.phase + ": single operation direct to operations-service: " + f.direct.summary() + " (load "
                    + load() + ")");
        }

        // The raw record: the key and the OperationRecorded event of the last answer, byte for byte as JSON.
        byte[] key = bv[0].getBytes(StandardCharsets.UTF_8);
        rawValue = JsonCodec.mapper().writeValueAsBytes(last.path("data").path("event"));
        raw(f.phase + ": raw record: key " + key.length + " B, value " + rawValue.length
                + " B (the last answer's event)");
        progress(f.phase + ": raw Kafka: " + o.warmup + " warm-up, " + o.ops + " sequential send().get()");
        f.raw = kafka.sequentialSends(key, rawValue, o.warmup, o.ops);
        raw(f.phase + ": raw send().get() acks=all idempotent linger.ms=0: " + f.raw.summary() + " (load " + load()
                + ")");
    }

    // ---- patch throughput ----

    private void patches(Figures f, RawKafka kafka) throws Exception {
        String[] bv = patchBackend;
        long total = (long) o.patches * o.patchSize;
        progress(f.phase + ": patches through the gateway: 1 warm-up, " + o.patches + " x " + o.patchSize
                + " operations (load " + load() + ")");
        f.patchRate = total / patchRun(gateway, "/v1/backends/" + bv[0] + "/patch", f.phase + ": patches via gateway");
        if (direct()) {
            progress(f.phase + ": patches straight to the operations-service (no gateway)");
            f.patchDirectRate = total / patchRun(operations(), "/internal/backends/" + bv[0] + "/patch",
                    f.phase + ": patches direct to operations-service");
        }
        byte[] key = bv[0].getBytes(StandardCharsets.UTF_8);
        progress(f.phase + ": raw Kafka: " + total + " async sends + flush");
        double rawSeconds = kafka.asyncSends(key, rawValue, o.patchSize, (int) total);
        f.patchRawRate = total / rawSeconds;
        raw(String.format("%s: raw async sends acks=all idempotent default batching: %d records of %d B in %.3f s ="
                + " %.0f records/s (load %s)", f.phase, total, rawValue.length, rawSeconds, f.patchRawRate, load()));
    }

    /** One warm-up patch, then {@code --patches} timed; answers the timed seconds. */
    private double patchRun(Http http, String path, String label) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i <= o.patches; i++) {
            bodies.add(patch(patchBackend[1], o.patchSize));
        }
        http.post(path, bodies.get(0), LONG_CALL);
        List<Long> each = new ArrayList<>();
        JsonNode last = null;
        long t0 = System.nanoTime();
        for (int i = 1; i <= o.patches; i++) {
            long s = System.nanoTime();
            last = http.post(path, bodies.get(i), LONG_CALL);
            each.add((System.nanoTime() - s) / 1_000_000);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        // The gateway wraps the operations-service's answer in "data".
        JsonNode answer = last.has("data") ? last.path("data") : last;
        raw(String.format("%s: %d x %d ops in %.3f s = %.0f ops/s; each (ms) %s; last applied=%d last_seq=%s (load %s)",
                label, o.patches, o.patchSize, seconds, o.patches * (double) o.patchSize / seconds, each,
                answer.path("applied").asInt(-1), answer.path("last_seq").asText(), load()));
        return seconds;
    }

    // ---- rebuild ----

    /** Grows a backend with one operation so far to {@code operations}, in patches through the gateway. */
    private Growth grow(String[] bv, int operations) throws Exception {
        String path = "/v1/backends/" + bv[0] + "/patch";
        int remaining = operations - 1;
        progress("growing " + bv[0] + " to " + fmt(operations) + " operations in patches of " + fmt(o.growPatch)
                + " (load " + load() + ")");
        List<Long> each = new ArrayList<>();
        JsonNode last = null;
        long t0 = System.nanoTime();
        while (remaining > 0) {
            int size = Math.min(o.growPatch, remaining);
            String body = patch(bv[1], size);
            long s = System.nanoTime();
            last = gateway.post(path, body, LONG_CALL);
            each.add((System.nanoTime() - s) / 1_000_000);
            remaining -= size;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        raw(String.format("grew %s to seq %s (%d patches, %d ops) in %.3f s = %.0f ops/s; each (ms) %s (load %s)",
                bv[0], last.path("data").path("last_seq").asText(), each.size(), operations - 1, seconds,
                (operations - 1) / seconds, each, load()));
        return new Growth(each.size(), seconds);
    }

    private void rebuild(Figures f, RawKafka kafka) throws Exception {
        progress(f.phase + ": raw Kafka: read_committed read of " + Topics.BACKEND_OPERATIONS);
        RawKafka.Read read = kafka.readAll(Topics.BACKEND_OPERATIONS);
        f.rebuildEvents = read.records();
        f.rebuildRawSeconds = read.seconds();
        raw(String.format("%s: raw read_committed read of %s: %d records (%d bytes) in %.3f s = %.0f records/s; offset"
                + " span (end - beginning, transaction markers included) %d (load %s)", f.phase,
                Topics.BACKEND_OPERATIONS, read.records(), read.bytes(), read.seconds(), f.rebuildRawRate(),
                read.extent().span(), load()));

        progress(f.phase + ": POST " + target.operations() + "/internal/projection/rebuild (load " + load() + ")");
        long r0 = System.nanoTime();
        JsonNode answer = Http.internal(target.operations(), null).post("/internal/projection/rebuild", null, LONG_CALL);
        f.rebuildSeconds = (System.nanoTime() - r0) / 1e9;
        RawKafka.Extent after = kafka.extent(Topics.BACKEND_OPERATIONS);
        raw(String.format("%s: rebuild: wall %.3f s, service says %s ms; %d events replayed = %.0f events/s (by offset"
                + " span %d: %.0f/s); topic offset span after %d (load %s)", f.phase, f.rebuildSeconds,
                answer.path("millis").asText(), read.records(), f.rebuildRate(), read.extent().span(),
                read.extent().span() / f.rebuildSeconds, after.span(), load()));
        JsonNode graph = gateway.get("/v1/backends/" + latencyBackend[0], CALL).path("data");
        raw(f.phase + ": after the rebuild the gateway reads backend " + latencyBackend[0] + " at seq "
                + graph.path("seq").asText() + ", parameter n = "
                + graph.path("vertices").path(0).path("params").path("n"));
    }

    // ---- output ----

    /** One phase's cells of a metric: ppl, raw Kafka, ratio; and whether the goal is met (null: no goal). */
    private record Cells(String ppl, String raw, String ratio, Boolean met) {
    }

    private void print(Figures cold, Figures warm) {
        List<Figures> phases = warm == null ? List.of(cold) : List.of(cold, warm);
        StringBuilder out = new StringBuilder("| metric |");
        StringBuilder rule = new StringBuilder("| --- |");
        for (Figures f : phases) {
            out.append(' ').append(f.phase).append(": ppl | raw Kafka | ratio |");
            rule.append(" --- | --- | --- |");
        }
        out.append(" goal |\n").append(rule).append(" --- |\n");
        row(out, phases, "single-operation latency p50 (" + fmt(o.ops) + " sequential)", null,
                f -> latencyCells(f.gateway.percentileMillis(50), f.raw.percentileMillis(50), null));
        row(out, phases, "single-operation latency p99", "≤ 20 ms",
                f -> latencyCells(f.gateway.percentileMillis(99), f.raw.percentileMillis(99),
                        f.gateway.percentileMillis(99) <= 20));
        row(out, phases, "single-operation latency max", null,
                f -> latencyCells(f.gateway.maxMillis(), f.raw.maxMillis(), null));
        row(out, phases, "patch throughput (" + o.patches + " patches × " + fmt(o.patchSize) + " operations)",
                "≥ 5,000 ops/s", f -> new Cells(fmt(Math.round(f.patchRate)) + " ops/s",
                        fmt(Math.round(f.patchRawRate)) + " records/s", times(f.patchRawRate / f.patchRate),
                        f.patchRate >= 5000));
        if (o.rebuild) {
            row(out, phases, "rebuild (all of " + Topics.BACKEND_OPERATIONS + ", with one backend of "
                    + fmt(o.rebuildOps) + ")", "≥ 50,000 ops/s",
                    f -> new Cells(
                            fmt(Math.round(f.rebuildRate())) + " ops/s (" + fmt(f.rebuildEvents) + " in "
                                    + String.format("%.2f", f.rebuildSeconds) + " s)",
                            fmt(Math.round(f.rebuildRawRate())) + " records/s ("
                                    + String.format("%.2f", f.rebuildRawSeconds) + " s)",
                            times(f.rebuildRawRate() / f.rebuildRate()), f.rebuildRate() >= 50_000));
            out.append("| growing that backend (").append(growth.patches()).append(" patches × ")
                    .append(fmt(o.growPatch)).append(", once) | ")
                    .append(fmt(Math.round((o.rebuildOps - 1) / growth.seconds()))).append(" ops/s (")
                    .append(String.format("%.1f", growth.seconds())).append(" s) |")
                    .append(" |".repeat(phases.size() * 3 - 1)).append(" |\n");
        }
        if (cold.direct != null) {
            out.append("\n| breakdown | through the gateway | operations-service direct | raw Kafka |\n")
                    .append("| --- | --- | --- | --- |\n");
            for (Figures f : phases) {
                out.append("| single operation p50 / p99, ").append(f.phase).append(" | ")
                        .append(p50p99(f.gateway)).append(" | ").append(p50p99(f.direct)).append(" | ")
                        .append(p50p99(f.raw)).append(" |\n");
            }
            for (Figures f : phases) {
                out.append("| patch throughput (ops/s), ").append(f.phase).append(" | ")
                        .append(fmt(Math.round(f.patchRate))).append(" | ")
                        .append(fmt(Math.round(f.patchDirectRate))).append(" | ")
                        .append(fmt(Math.round(f.patchRawRate))).append(" |\n");
            }
        }
        out.append("\nratio: how many times slower than raw Kafka (latency: ppl / raw; throughput: raw / ppl).");
        if (warm != null) {
            out.append(" cold: first thing on the platform as found; warm: the same after ").append(o.warmupSeconds)
                    .append(" s of warm-up.");
        }
        out.append("\n\n");
        for (String line : raw) {
            out.append("    ").append(line).append('\n');
        }
        System.out.print(out);
        System.out.flush();
    }

    private static void row(StringBuilder out, List<Figures> phases, String name, String goal,
            Function<Figures, Cells> metric) {
        out.append("| ").append(name).append(" |");
        List<String> verdicts = new ArrayList<>();
        for (Figures f : phases) {
            Cells c = metric.apply(f);
            out.append(' ').append(c.ppl()).append(" | ").append(c.raw()).append(" | ").append(c.ratio()).append(" |");
            if (c.met() != null) {
                verdicts.add(f.phase + " " + (c.met() ? "met" : "**missed**"));
            }
        }
        out.append(' ').append(goal == null ? "" : goal + ": " + String.join(", ", verdicts)).append(" |\n");
    }

    private static Cells latencyCells(double ppl, double raw, Boolean met) {
        return new Cells(ms(ppl), ms(raw), times(ppl / raw), met);
    }

    private static String p50p99(Latencies l) {
        return ms(l.percentileMillis(50)) + " / " + ms(l.percentileMillis(99));
    }

    private void raw(String line) {
        raw.add(line);
        progress(line);
    }

    private static void progress(String line) {
        System.err.println("[bench] " + line);
    }

    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static String ms(double millis) {
        return String.format("%.2f ms", millis);
    }

    private static String times(double ratio) {
        return String.format("%.1f×", ratio);
    }

    private static String fmt(long n) {
        return String.format("%,d", n);
    }
}
