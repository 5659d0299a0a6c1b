package dev.ppl.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ppl.contracts.codec.JsonCodec;

/**
 * Hostile uploads against a running platform: {@code --clients} parallel unauthenticated POSTs of
 * {@code --megabytes} each to a harness input endpoint, sent again and again for {@code --seconds}. Each body is
 * generated as it is sent (never held by this client) and declares its length, as an ordinary client would.
 * Meanwhile it samples the gateway process's resident memory ({@code VmRSS} of {@code /proc/<pid>/status}, the pid
 * from {@code platform.json}) and times {@code GET /v1/runtimes} with a good token; before the load it times the same
 * call with nothing else running (the baseline). Prints a Markdown table for docs/benchmarks.md; exit 0 when no POST
 * was accepted or answered 5xx, the gateway's memory stayed within 100 MB of its baseline and every
 * {@code GET /v1/runtimes} answered in under 1 s. Run it through {@code bin/bench-hostile-uploads}.
 */
public final class HostileUploadsBenchmark {
    private static final String USAGE = "usage: HostileUploadsBenchmark [--ppl-home H] [--clients 20] [--megabytes 60]"
            + " [--seconds 20] [--baseline-calls 50]";
    private static final Duration CALL = Duration.ofSeconds(30);
    private static final long RSS_BUDGET_KB = 100 * 1024;
    private static final double LATENCY_BUDGET_MS = 1000;

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>(Map.of("--clients", "20", "--megabytes", "60", "--seconds", "20",
                "--baseline-calls", "50"));
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length || (!o.containsKey(args[i])
                    && !args[i].equals("--ppl-home"))) {
                System.err.println(USAGE);
                System.exit(2);
            }
            o.put(args[i], args[++i]);
        }
        List<String> targetArgs = o.containsKey("--ppl-home") ? List.of("--ppl-home", o.get("--ppl-home")) : List.of();
        Options options = Options.parse(targetArgs.toArray(String[]::new));
        Target target = Target.resolve(options);
        long pid = gatewayPid(options);
        Http gateway = Http.gateway(target.gateway(), target.token());
        int clients = Integer.parseInt(o.get("--clients"));
        long bodyBytes = Long.parseLong(o.get("--megabytes")) * 1_000_000L;
        Duration load = Duration.ofSeconds(Long.parseLong(o.get("--seconds")));
        // Any deployment will do: the endpoint token is checked before anything else, the deployment included.
        URI endpoint = URI.create(target.gateway() + "/endpoints/in/dp_hostilebench/1");

        gateway.get("/v1/runtimes", CALL);
        long rssBefore = rssKb(pid);
        int baselineCalls = Integer.parseInt(o.get("--baseline-calls"));
        Latencies baseline = new Latencies(baselineCalls);
        for (int i = 0; i < baselineCalls; i++) {
            long start = System.nanoTime();
            gateway.get("/v1/runtimes", CALL);
            baseline.add(System.nanoTime() - start);
        }
        System.err.printf("[bench] gateway pid %d, RSS %d MB; baseline GET /v1/runtimes p50 %.1f ms%n", pid,
                rssBefore / 1024, baseline.percentileMillis(50));

        long end = System.nanoTime() + load.toNanos();
        Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        AtomicLong rssPeak = new AtomicLong(rssBefore);
        ExecutorService pool = Executors.newFixedThreadPool(clients + 2);
        HttpClient hostile = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    outcomes.computeIfAbsent(post(hostile, endpoint, bodyBytes), k -> new AtomicLong()).incrementAndGet();
                }
                return null;
            }));
        }
        running.add(pool.submit(() -> {
            while (System.nanoTime() < end) {
                rssPeak.accumulateAndGet(rssKb(pid), Math::max);
                Thread.sleep(100);
            }
            return null;
        }));
        List<Long> during = new ArrayList<>();
        running.add(pool.submit(() -> {
            while (System.nanoTime() < end) {
                long start = System.nanoTime();
                gateway.get("/v1/runtimes", CALL);
                synchronized (during) {
                    during.add(System.nanoTime() - start);
                }
                Thread.sleep(100);
            }
            return null;
        }));
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        Thread.sleep(2000);
        long rssAfter = rssKb(pid);
        Latencies loaded = new Latencies(during.size());
        during.forEach(loaded::add);

        long posts = outcomes.values().stream().mapToLong(AtomicLong::get).sum();
        Map<String, Long> sorted = new TreeMap<>();
        outcomes.forEach((k, v) -> sorted.put(k, v.get()));
        boolean refused = outcomes.keySet().stream().allMatch(k -> k.equals("401") || k.startsWith("closed"));
        boolean memory = rssPeak.get() - rssBefore <= RSS_BUDGET_KB;
        boolean latency = loaded.maxMillis() < LATENCY_BUDGET_MS;

        System.out.println("| what | figure |");
        System.out.println("| --- | --- |");
        System.out.printf("| hostile load | %d clients × %d MB unauthenticated POSTs to an input endpoint, for %d s |%n",
                clients, bodyBytes / 1_000_000, load.toSeconds());
        System.out.printf("| POSTs sent, and how each ended | %d: %s |%n", posts, sorted);
        System.out.printf("| gateway RSS before / peak during / 2 s after | %d / %d / %d MB (peak − before: %d MB) |%n",
                rssBefore / 1024, rssPeak.get() / 1024, rssAfter / 1024, (rssPeak.get() - rssBefore) / 1024);
        System.out.printf("| GET /v1/runtimes, no load (%d calls) | p50 %.1f ms, p99 %.1f ms, max %.1f ms |%n",
                baselineCalls, baseline.percentileMillis(50), baseline.percentileMillis(99), baseline.maxMillis());
        System.out.printf("| GET /v1/runtimes, under the load (%d calls) | p50 %.1f ms, p99 %.1f ms, max %.1f ms |%n",
                during.size(), loaded.percentileMillis(50), loaded.percentileMillis(99), loaded.maxMillis());
        System.out.printf("| verdict | refused before read: %s; memory within 100 MB: %s; runtimes under 1 s: %s |%n",
                refused, memory, latency);
        System.exit(refused && memory && latency ? 0 : 1);
    }

    /** One hostile POST: its status, or how the connection ended when the gateway closed it mid-body. */
    private static String post(HttpClient client, URI endpoint, long bytes) {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(CALL).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new Zeros(bytes)), bytes))
                .build();
        try {
            return String.valueOf(client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException e) {
            return "closed (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static long gatewayPid(Options options) throws IOException {
        Path home = Path.of(options.pplHome != null ? options.pplHome
                : System.getenv("PPL_HOME") != null && !System.getenv("PPL_HOME").isBlank() ? System.getenv("PPL_HOME")
                        : System.getProperty("user.home") + "/.ppl");
        Path data = options.dataDir != null ? Path.of(options.dataDir) : home.resolve("local");
        JsonNode pid = JsonCodec.mapper().readTree(data.resolve("platform.json").toFile()).path("services")
                .path("harness-gateway").path("pid");
        if (!pid.canConvertToLong()) {
            throw new IllegalStateException("no harness-gateway pid in " + data.resolve("platform.json"));
        }
        return pid.asLong();
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for pid " + pid);
    }

    /** {@code size} zero bytes, made as they are read: a body this client never holds. */
    private static final class Zeros extends InputStream {
        private long left;

        Zeros(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            if (left <= 0) {
                return -1;
            }
            left--;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
        }
    }
}
