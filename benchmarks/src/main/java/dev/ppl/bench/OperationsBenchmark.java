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
 * Prints a Markdown table for {@code docs/benchmarks.md}, then the raw numbers. Progress goes to stderr. Run it through
 * {@code bin/bench-operations}.
 */
public final class OperationsBenchmark {
    private static final Duration CALL = Duration.ofSeconds(60);
    private static final Duration LONG_CALL = Duration.ofMinutes(11);

    private final Options o;
    private final Target target;
    private final Http gateway;
    private final List<String> raw = new ArrayList<>();
    private final List<String[]> rows = new ArrayList<>();
    private final List<String[]> breakdown = new ArrayList<>();
    private final String stamp = Long.toString(System.currentTimeMillis());
    private String versionId;
    private String workspaceId;
    /** The OperationRecorded event of a change-parameter answer as JSON: the raw records' value. */
    private byte[] rawValue;

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
        try (RawKafka kafka = new RawKafka(target.kafka())) {
            raw("scratch topic " + kafka.scratchTopic() + " (3 partitions; deleted at the end)");
            latency(kafka);
            patches(kafka);
            if (o.rebuild) {
                rebuild(kafka);
            }
        }
        raw("load at end " + load());
        print();
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

    private static String changeParameter(String vertex, long value) {
        return "{\"type\":\"change-parameter\",\"vertex_id\":" + Http.json(vertex)
                + ",\"name\":\"n\",\"value_type\":\"Int\",\"value\":\"" + value + "\"}";
    }

    private static String patch(String vertex, long firstValue, int size) {
        StringBuilder b = new StringBuilder(size * 100).append("{\"operations\":[");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(changeParameter(vertex, firstValue + i));
        }
        return b.append("]}").toString();
    }

    // ---- single-operation latency ----

    private void latency(RawKafka kafka) throws Exception {
        String[] bv = backendWithVertex("bench-latency");
        String path = "/v1/backends/" + bv[0] + "/operations";
        progress("single operations through the gateway: " + o.warmup + " warm-up, " + o.ops + " measured (load "
                + load() + ")");
        JsonNode last = null;
        for (int i = 0; i < o.warmup; i++) {
            last = gateway.post(path, changeParameter(bv[1], i), CALL);
        }
        Latencies ppl = new Latencies(o.ops);
        for (int i = 0; i < o.ops; i++) {
            String body = changeParameter(bv[1], o.warmup + i);
            long t0 = System.nanoTime();
            last = gateway.post(path, body, CALL);
            ppl.add(System.nanoTime() - t0);
        }
        raw("single operation via gateway: " + ppl.summary() + " (load " + load() + ")");

        Latencies direct = null;
        if (o.direct && workspaceId != null) {
            Http ops = Http.internal(target.operations(), workspaceId);
            String internalPath = "/internal/backends/" + bv[0] + "/operations";
            progress("single operations straight to the operations-service (no gateway)");
            for (int i = 0; i < o.warmup; i++) {
                ops.post(internalPath, changeParameter(bv[1], i), CALL);
            }
            direct = new Latencies(o.ops);
            for (int i = 0; i < o.ops; i++) {
                String body = changeParameter(bv[1], i);
                long t0 = System.nanoTime();
                ops.post(internalPath, body, CALL);
                direct.add(System.nanoTime() - t0);
            }
            raw("single operation direct to operations-service: " + direct.summary() + " (load " + load() + ")");
        }

        // The raw record: the key and the OperationRecorded event of the last answer, byte for byte as JSON.
        byte[] key = bv[0].getBytes(StandardCharsets.UTF_8);
        byte[] value = JsonCodec.mapper().writeValueAsBytes(last.path("data").path("event"));
        rawValue = value;
        raw("raw record: key " + key.length + " B, value " + value.length + " B (the last answer's event)");
        progress("raw Kafka: " + o.warmup + " warm-up, " + o.ops + " sequential send().get()");
        Latencies rawLatency = kafka.sequentialSends(key, value, o.warmup, o.ops);
        raw("raw send().get() acks=all idempotent linger.ms=0: " + rawLatency.summary() + " (load " + load() + ")");

        rows.add(new String[] { "single-operation latency p50 (" + fmt(o.ops) + " sequential)",
                ms(ppl.percentileMillis(50)), ms(rawLatency.percentileMillis(50)),
                times(ppl.percentileMillis(50) / rawLatency.percentileMillis(50)), "" });
        double p99 = ppl.percentileMillis(99);
        rows.add(new String[] { "single-operation latency p99", ms(p99), ms(rawLatency.percentileMillis(99)),
                times(p99 / rawLatency.percentileMillis(99)), "≤ 20 ms: " + (p99 <= 20 ? "met" : "missed") });
        rows.add(new String[] { "single-operation latency max", ms(ppl.maxMillis()), ms(rawLatency.maxMillis()),
                times(ppl.maxMillis() / rawLatency.maxMillis()), "" });
        if (direct != null) {
            breakdown.add(new String[] { "single operation p50 / p99",
                    ms(ppl.percentileMillis(50)) + " / " + ms(ppl.percentileMillis(99)),
                    ms(direct.percentileMillis(50)) + " / " + ms(direct.percentileMillis(99)),
                    ms(rawLatency.percentileMillis(50)) + " / " + ms(rawLatency.percentileMillis(99)) });
        }
    }

    // ---- patch throughput ----

    private void patches(RawKafka kafka) throws Exception {
        String[] bv = backendWithVertex("bench-patch");
        String path = "/v1/backends/" + bv[0] + "/patch";
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i <= o.patches; i++) {
            bodies.add(patch(bv[1], (long) i * o.patchSize, o.patchSize));
        }
        progress("patches through the gateway: 1 warm-up, " + o.patches + " x " + o.patchSize + " operations (load "
                + load() + ")");
        gateway.post(path, bodies.get(0), LONG_CALL);
        List<Long> each = new ArrayList<>();
        long t0 = System.nanoTime();
        JsonNode last = null;
        for (int i = 1; i <= o.patches; i++) {
            long s = System.nanoTime();
            last = gateway.post(path, bodies.get(i), LONG_CALL);
            each.add((System.nanoTime() - s) / 1_000_000);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long total = (long) o.patches * o.patchSize;
        double rate = total / seconds;
        int applied = last.path("data").path("applied").asInt(-1);
        raw(String.format("patches via gateway: %d x %d ops in %.3f s = %.0f ops/s; each (ms) %s; last applied=%d"
                + " last_seq=%s (load %s)", o.patches, o.patchSize, seconds, rate, each, applied,
                last.path("data").path("last_seq").asText(), load()));

        Double directRate = null;
        if (o.direct && workspaceId != null) {
            Http ops = Http.internal(target.operations(), workspaceId);
            String internalPath = "/internal/backends/" + bv[0] + "/patch";
            progress("patches straight to the operations-service (no gateway)");
            ops.post(internalPath, bodies.get(0), LONG_CALL);
            List<Long> directEach = new ArrayList<>();
            long d0 = System.nanoTime();
            for (int i = 1; i <= o.patches; i++) {
                long s = System.nanoTime();
                ops.post(internalPath, bodies.get(i), LONG_CALL);
                directEach.add((System.nanoTime() - s) / 1_000_000);
            }
            double ds = (System.nanoTime() - d0) / 1e9;
            directRate = total / ds;
            raw(String.format("patches direct to operations-service: %d x %d ops in %.3f s = %.0f ops/s; each (ms) %s"
                    + " (load %s)", o.patches, o.patchSize, ds, directRate, directEach, load()));
        }

        byte[] key = bv[0].getBytes(StandardCharsets.UTF_8);
        byte[] value = rawValue;
        progress("raw Kafka: " + total + " async sends + flush");
        double rawSeconds = kafka.asyncSends(key, value, o.patchSize, (int) total);
        double rawRate = total / rawSeconds;
        raw(String.format("raw async sends acks=all idempotent default batching: %d records of %d B in %.3f s = %.0f"
                + " records/s (load %s)", total, value.length, rawSeconds, rawRate, load()));

        rows.add(new String[] { "patch throughput (" + o.patches + " patches × " + fmt(o.patchSize) + " operations)",
                fmt(Math.round(rate)) + " ops/s", fmt(Math.round(rawRate)) + " records/s", times(rawRate / rate),
                "≥ 5,000 ops/s: " + (rate >= 5000 ? "met" : "missed") });
        if (directRate != null) {
            breakdown.add(new String[] { "patch throughput (ops/s)", fmt(Math.round(rate)), fmt(Math.round(directRate)),
                    fmt(Math.round(rawRate)) });
        }
    }

    // ---- rebuild ----

    private void rebuild(RawKafka kafka) throws Exception {
        String[] bv = backendWithVertex("bench-rebuild");
        String path = "/v1/backends/" + bv[0] + "/patch";
        int remaining = o.rebuildOps - 1; // the add-vertex is operation 1
        progress("growing " + bv[0] + " to " + fmt(o.rebuildOps) + " operations in patches of " + fmt(o.growPatch)
                + " (load " + load() + ")");
        long t0 = System.nanoTime();
        long value = 0;
        List<Long> each = new ArrayList<>();
        JsonNode last = null;
        while (remaining > 0) {
            int size = Math.min(o.growPatch, remaining);
            String body = patch(bv[1], value, size);
            long s = System.nanoTime();
            last = gateway.post(path, body, LONG_CALL);
            each.add((System.nanoTime() - s) / 1_000_000);
            value += size;
            remaining -= size;
        }
        double growSeconds = (System.nanoTime() - t0) / 1e9;
        long seq = last.path("data").path("last_seq").asLong();
        raw(String.format("grew backend to seq %d (%d patches, %d ops) in %.3f s = %.0f ops/s; each (ms) %s (load %s)",
                seq, each.size(), o.rebuildOps - 1, growSeconds, (o.rebuildOps - 1) / growSeconds, each, load()));

        progress("raw Kafka: read_committed read of " + Topics.BACKEND_OPERATIONS);
        RawKafka.Read read = kafka.readAll(Topics.BACKEND_OPERATIONS);
        double rawRate = read.records() / read.seconds();
        raw(String.format("raw read_committed read of %s: %d records (%d bytes) in %.3f s = %.0f records/s; offset span"
                + " (end - beginning, transaction markers included) %d (load %s)", Topics.BACKEND_OPERATIONS,
                read.records(), read.bytes(), read.seconds(), rawRate, read.extent().span(), load()));

        progress("POST " + target.operations() + "/internal/projection/rebuild (load " + load() + ")");
        Http ops = Http.internal(target.operations(), null);
        long r0 = System.nanoTime();
        JsonNode answer = ops.post("/internal/projection/rebuild", null, LONG_CALL);
        double rebuildSeconds = (System.nanoTime() - r0) / 1e9;
        RawKafka.Extent after = kafka.extent(Topics.BACKEND_OPERATIONS);
        double rate = read.records() / rebuildSeconds;
        raw(String.format("rebuild: wall %.3f s, service says %s ms; %d events replayed = %.0f events/s (by offset"
                + " span %d: %.0f/s); topic offset span after %d (load %s)", rebuildSeconds,
                answer.path("millis").asText(), read.records(), rate, read.extent().span(),
                read.extent().span() / rebuildSeconds, after.span(), load()));
        JsonNode graph = gateway.get("/v1/backends/" + bv[0], CALL).path("data");
        raw("after the rebuild the gateway reads backend " + bv[0] + " at seq " + graph.path("seq").asText()
                + ", parameter n = " + graph.path("vertices").path(0).path("params").path("n"));

        rows.add(new String[] {
                "rebuild (" + fmt(read.records()) + " events in " + Topics.BACKEND_OPERATIONS + ", one backend of "
                        + fmt(o.rebuildOps) + ")",
                fmt(Math.round(rate)) + " ops/s (" + String.format("%.2f", rebuildSeconds) + " s)",
                fmt(Math.round(rawRate)) + " records/s (" + String.format("%.2f", read.seconds()) + " s)",
                times(rawRate / rate), "≥ 50,000 ops/s: " + (rate >= 50_000 ? "met" : "missed") });
        rows.add(new String[] { "growing that backend (" + each.size() + " patches × " + fmt(o.growPatch) + ")",
                fmt(Math.round((o.rebuildOps - 1) / growSeconds)) + " ops/s (" + String.format("%.1f", growSeconds)
                        + " s)",
                "", "", "" });
    }

    // ---- output ----

    private void print() {
        StringBuilder out = new StringBuilder();
        out.append("| metric | ppl | raw Kafka | ratio | goal |\n| --- | --- | --- | --- | --- |\n");
        for (String[] r : rows) {
            out.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        if (!breakdown.isEmpty()) {
            out.append("\n| breakdown | through the gateway | operations-service direct | raw Kafka |\n")
                    .append("| --- | --- | --- | --- |\n");
            for (String[] r : breakdown) {
                out.append("| ").append(String.join(" | ", r)).append(" |\n");
            }
        }
        out.append("\nratio: how many times slower than raw Kafka (latency: ppl / raw; throughput: raw / ppl).\n\n");
        for (String line : raw) {
            out.append("    ").append(line).append('\n');
        }
        System.out.print(out);
        System.out.flush();
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
