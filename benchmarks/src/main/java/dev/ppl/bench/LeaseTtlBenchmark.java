package dev.ppl.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The TTL reaper on a running platform: opens leases through {@code POST /v1/leases} with TTLs spread
 * uniformly over a range, then follows them through {@code GET /v1/leases?label=} until every one is rolled
 * back (closed by the reaper and released by every owner). Reports, from the server's own timestamps, the delay
 * between each lease's {@code expires_at} and its {@code closed_at} (p50, p99, max), how many closed before their
 * TTL (must be none), and how long the owners took to release. Run it through {@code bin/bench-lease-ttl}.
 */
public final class LeaseTtlBenchmark {
    private static final Duration CALL = Duration.ofSeconds(30);
    private static final String USAGE = "usage: LeaseTtlBenchmark [--ppl-home H] [--leases 1000] [--min-ttl-ms 1000]"
            + " [--max-ttl-ms 10000] [--threads 8] [--seed 1]";

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>(Map.of("--leases", "1000", "--min-ttl-ms", "1000", "--max-ttl-ms", "10000",
                "--threads", "8", "--seed", "1"));
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length || (!o.containsKey(args[i])
                    && !args[i].equals("--ppl-home"))) {
                System.err.println(USAGE);
                System.exit(2);
            }
            o.put(args[i], args[++i]);
        }
        List<String> targetArgs = o.containsKey("--ppl-home") ? List.of("--ppl-home", o.get("--ppl-home")) : List.of();
        Target target = Target.resolve(Options.parse(targetArgs.toArray(String[]::new)));
        Http gateway = Http.gateway(target.gateway(), target.token());
        int n = Integer.parseInt(o.get("--leases"));
        int minTtl = Integer.parseInt(o.get("--min-ttl-ms"));
        int maxTtl = Integer.parseInt(o.get("--max-ttl-ms"));
        String label = "ttl-bench-" + System.currentTimeMillis();
        Random random = new Random(Long.parseLong(o.get("--seed")));

        ExecutorService pool = Executors.newFixedThreadPool(Integer.parseInt(o.get("--threads")));
        List<Future<JsonNode>> opening = new ArrayList<>();
        long openStart = System.nanoTime();
        for (int i = 0; i < n; i++) {
            int ttl = minTtl + random.nextInt(maxTtl - minTtl + 1);
            String body = Http.json(Map.of("ttl", ttl + "ms", "label", label));
            opening.add(pool.submit(() -> gateway.post("/v1/leases", body, CALL)));
        }
        for (Future<JsonNode> f : opening) {
            f.get();
        }
        long openMillis = Duration.ofNanos(System.nanoTime() - openStart).toMillis();
        pool.shutdown();
        System.err.printf("[bench] opened %d leases in %d ms%n", n, openMillis);

        long deadline = System.nanoTime() + Duration.ofSeconds(maxTtl / 1000 + 120).toNanos();
        JsonNode items;
        while (true) {
            items = gateway.get("/v1/leases?label=" + label, CALL).get("items");
            long settled = count(items, "rolled_back");
            System.err.printf("[bench] %d of %d rolled back, %d still open%n", settled, n, count(items, "open"));
            if (settled == n || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(1000);
        }

        List<Long> delays = new ArrayList<>();
        int early = 0;
        int open = 0;
        for (JsonNode lease : items) {
            if (lease.path("closed_at").isNull() || lease.path("closed_at").isMissingNode()) {
                open++;
                continue;
            }
            long delay = Duration.between(Instant.parse(lease.get("expires_at").asText()),
                    Instant.parse(lease.get("closed_at").asText())).toMillis();
            if (delay < 0) {
                early++;
            }
            delays.add(delay);
        }
        delays.sort(null);
        long rolledBack = count(items, "rolled_back");
        System.out.println("| leases | TTLs | opened in | rolled back | closed before TTL | delay after TTL p50 | p99 | max |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
        System.out.printf("| %d | %d–%d ms, uniform | %d ms | %d of %d (%d never closed) | %d | %d ms | %d ms | %d ms |%n", n,
                minTtl, maxTtl, openMillis, rolledBack, n, open, early, percentile(delays, 50), percentile(delays, 99),
                delays.isEmpty() ? -1 : delays.get(delays.size() - 1));
        System.exit(rolledBack == n && early == 0 ? 0 : 1);
    }

    private static long count(JsonNode items, String state) {
        long c = 0;
        for (JsonNode lease : items) {
            if (lease.path("state").asText().equals(state)) {
                c++;
            }
        }
        return c;
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
