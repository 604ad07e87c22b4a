package io.coderunner.bench;

import java.util.Arrays;
import java.util.List;

/** Latencies of one series, in milliseconds. */
record Percentiles(int count, double p50, double p95, double mean) {

    static Percentiles of(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Percentiles(sorted.length, millis(at(sorted, 0.50)), millis(at(sorted, 0.95)),
                millis((long) Arrays.stream(sorted).average().orElse(0)));
    }

    /** Nearest-rank percentile. */
    private static long at(long[] sorted, double fraction) {
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
