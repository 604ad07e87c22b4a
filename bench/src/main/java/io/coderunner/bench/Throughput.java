package io.coderunner.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** A fixed number of requests sent by a fixed number of clients at once, each waiting for its answer. */
final class Throughput {

    record Result(int concurrency, int requests, int failed, double seconds, Percentiles latency) {
        double perSecond() {
            return (requests - failed) / seconds;
        }
    }

    static Result measure(ApiClient api, Workload workload, int concurrency) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger remaining = new AtomicInteger(workload.requests());
        AtomicInteger failed = new AtomicInteger();
        long started = System.nanoTime();
        try (ExecutorService clients = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                running.add(clients.submit(() -> {
                    while (remaining.getAndDecrement() > 0) {
                        try {
                            latencies.add(api.runOnce(workload));
                        } catch (RuntimeException e) {
                            failed.incrementAndGet();
                            System.err.println("  failed: " + e.getMessage());
                        }
                    }
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Result(concurrency, workload.requests(), failed.get(), seconds, Percentiles.of(latencies));
    }
}
