package io.coderunner.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures, in one run on one machine, what the sandbox and the API cost over the bare process.
 *
 * <p>Latency: each iteration runs the program once as a bare process, once through the engine and
 * once through POST /api/execute, one after the other, so that the machine's noise falls on all
 * three alike; the report gives p50/p95 of each and the sandbox's ratio to the bare process.
 * Throughput: a fixed number of requests through the API at concurrency 1, 4 and 16.
 *
 * <p>Arguments: {@code --jar PATH} (the server jar), {@code --out PATH} (the Markdown report),
 * {@code --scale X} (fewer or more iterations; 1 is the documented run), {@code --runtime NAME}.
 */
public final class Benchmark {

    private static final int WARM_UP = 10;
    private static final long SETTLE_MS = 40;
    private static final int[] CONCURRENCY = {1, 4, 16};
    private static final int MAX_CONCURRENCY = 16;

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Path jar = Path.of(options.getOrDefault("jar", "server/target/coderunner.jar"));
        Path out = Path.of(options.getOrDefault("out", "bench/results/latest.md"));
        double scale = Double.parseDouble(options.getOrDefault("scale", "1"));
        String runtime = options.getOrDefault("runtime", "bubblewrap");
        Files.createDirectories(out.toAbsolutePath().getParent());

        Report report = new Report();
        report.machine(MachineInfo.describe(), runtime, Instant.now());
        try (EngineRunner engine = new EngineRunner(runtime);
             ServerProcess server = ServerProcess.start(jar, out.resolveSibling("server.log"));
             ApiClient api = new ApiClient(server.baseUrl(), MAX_CONCURRENCY)) {
            List<Workload> workloads = Workload.standard(scale);
            for (Workload workload : workloads) {
                // A server in use has its hot paths compiled; so does this one before it is measured.
                System.err.println("warming up the server: " + workload.name());
                for (int i = 0; i < workload.requests(); i++) {
                    api.runOnce(workload);
                }
            }
            for (Workload workload : workloads) {
                System.err.println("latency: " + workload.name());
                report.latency(workload, latency(workload, engine, api));
            }
            for (Workload workload : workloads) {
                for (int concurrency : CONCURRENCY) {
                    System.err.println("throughput: " + workload.name() + " at concurrency " + concurrency);
                    report.throughput(workload, Throughput.measure(api, workload, concurrency));
                }
            }
        }
        String text = report.toMarkdown();
        Files.writeString(out, text, StandardCharsets.UTF_8);
        System.out.print(text);
    }

    /** Bare, engine and API latencies of one workload, measured in turn. */
    record Latency(Percentiles bare, Percentiles engine, Percentiles api) {
    }

    private static Latency latency(Workload workload, EngineRunner engine, ApiClient api) {
        BareProcess bare = new BareProcess(workload);
        List<Long> bareTimes = new ArrayList<>();
        List<Long> engineTimes = new ArrayList<>();
        List<Long> apiTimes = new ArrayList<>();
        for (int i = 0; i < WARM_UP + workload.iterations(); i++) {
            long b = bare.runOnce();
            settle();
            long e = engine.runOnce(workload);
            settle();
            long a = api.runOnce(workload);
            settle();
            if (i >= WARM_UP) {
                bareTimes.add(b);
                engineTimes.add(e);
                apiTimes.add(a);
            }
        }
        return new Latency(Percentiles.of(bareTimes), Percentiles.of(engineTimes), Percentiles.of(apiTimes));
    }

    /**
     * Lets the work a run leaves behind finish before the next one is timed: the sandbox cleans its
     * slot and starts the slot's next sandbox after it answers, and on two cores that would otherwise
     * be timed as part of whichever run comes next. Throughput, below, measures the loaded case.
     */
    private static void settle() {
        try {
            Thread.sleep(SETTLE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    /** The results as Markdown tables, the form docs/PERFORMANCE.md keeps them in. */
    private static final class Report {
        private final StringBuilder machine = new StringBuilder();
        private final StringBuilder latency = new StringBuilder();
        private final StringBuilder throughput = new StringBuilder();

        void machine(Map<String, String> facts, String runtime, Instant when) {
            machine.append("Measured ").append(when).append(" with the ").append(runtime).append(" runtime.\n\n");
            machine.append("| machine | |\n| --- | --- |\n");
            facts.forEach((key, value) -> machine.append("| ").append(key).append(" | ").append(value).append(" |\n"));
        }

        void latency(Workload workload, Latency l) {
            if (latency.isEmpty()) {
                latency.append("| program | runs | bare p50 | bare p95 | sandbox p50 | sandbox p95 | sandbox − bare (p50) "
                        + "| sandbox / bare (p50) | API p50 | API p95 | API − sandbox (p50) |\n");
                latency.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            }
            latency.append(String.format(Locale.ROOT,
                    "| %s | %d | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %+.1f ms | %.2f | %.1f ms | %.1f ms | %+.1f ms |\n",
                    workload.name(), l.bare().count(), l.bare().p50(), l.bare().p95(), l.engine().p50(), l.engine().p95(),
                    l.engine().p50() - l.bare().p50(), l.engine().p50() / l.bare().p50(),
                    l.api().p50(), l.api().p95(), l.api().p50() - l.engine().p50()));
        }

        void throughput(Workload workload, Throughput.Result r) {
            if (throughput.isEmpty()) {
                throughput.append("| program | concurrency | requests | failed | requests/s | p50 | p95 |\n");
                throughput.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            }
            throughput.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.1f | %.1f ms | %.1f ms |\n",
                    workload.name(), r.concurrency(), r.requests(), r.failed(), r.perSecond(), r.latency().p50(),
                    r.latency().p95()));
        }

        String toMarkdown() {
            return machine + "\n### Latency of one run\n\n" + latency + "\n### Throughput of POST /api/execute\n\n" + throughput;
        }
    }
}
