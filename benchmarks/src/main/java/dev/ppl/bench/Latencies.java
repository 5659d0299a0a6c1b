package dev.ppl.bench;

import java.util.Arrays;

/** Sequential call durations in nanoseconds; percentiles by nearest rank. */
final class Latencies {
    private final long[] nanos;
    private int n;

    Latencies(int capacity) {
        nanos = new long[capacity];
    }

    void add(long duration) {
        nanos[n++] = duration;
    }

    int count() {
        return n;
    }

    double percentileMillis(double p) {
        long[] sorted = Arrays.copyOf(nanos, n);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * n);
        return sorted[Math.max(0, Math.min(n - 1, rank - 1))] / 1e6;
    }

    double maxMillis() {
        return Arrays.stream(nanos, 0, n).max().orElse(0) / 1e6;
    }

    double meanMillis() {
        return Arrays.stream(nanos, 0, n).average().orElse(0) / 1e6;
    }

    String summary() {
        return String.format("n=%d p50=%.2f ms p90=%.2f ms p99=%.2f ms p99.9=%.2f ms max=%.2f ms mean=%.2f ms", n,
                percentileMillis(50), percentileMillis(90), percentileMillis(99), percentileMillis(99.9), maxMillis(),
                meanMillis());
    }
}
