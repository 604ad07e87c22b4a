package io.coderunner.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * Long-lived sandboxes through the native API of a real server (its jar, as root, so every
 * sandbox has its disk image, its uid and its cgroup):
 * <ol>
 *   <li>create → first {@code echo hi} (POST /sandboxes, then POST /sandboxes/{id}/process/execute),
 *       against the bare {@code echo hi} spawned from Java in the same loop;</li>
 *   <li>the round trip of {@code echo hi} in a started sandbox, against the same bare processes;</li>
 *   <li>start of a stopped sandbox;</li>
 *   <li>start from a snapshot of 200 MB of files, and the new sandbox's own disk use on the host;</li>
 *   <li>how many idle started sandboxes, and how many stopped ones, fit in 2 GiB.</li>
 * </ol>
 *
 * <p>Arguments: {@code --jar PATH}, {@code --out PATH}, {@code --scale X} (every count times X; 1
 * is the documented run), {@code --started N} (most idle started sandboxes, default 150),
 * {@code --stopped N} (stopped sandboxes, default 1000).
 */
public final class SandboxBenchmark {

    private static final long BUDGET = 2L * 1024 * 1024 * 1024;
    /** The server gives sandboxes uids from here up (SandboxService.FIRST_HOST_UID). */
    private static final int FIRST_SANDBOX_UID = 1_000_000;
    private static final int WARM_UP = 5;
    private static final int SNAPSHOT_FILES = 200;

    private SandboxBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].substring(2), args[i + 1]);
        }
        Path jar = Path.of(options.getOrDefault("jar", "server/target/coderunner.jar"));
        Path out = Path.of(options.getOrDefault("out", "bench/results/sandboxes.md"));
        double scale = Double.parseDouble(options.getOrDefault("scale", "1"));
        network = Boolean.parseBoolean(options.getOrDefault("network", "false"));
        int startedMost = Integer.parseInt(options.getOrDefault("started", Integer.toString(scaled(150, scale, 20))));
        int stoppedMost = Integer.parseInt(options.getOrDefault("stopped", Integer.toString(scaled(1000, scale, 50))));
        Files.createDirectories(out.toAbsolutePath().getParent());

        // The administrator is Enterprise; let that tier keep as many sandboxes as the benchmark makes.
        Map<String, String> settings = Map.of(
                "CODERUNNER_TIERS_LEVELS_4_SANDBOXESSTARTED", Integer.toString(startedMost + 10),
                "CODERUNNER_TIERS_LEVELS_4_SANDBOXESTOTAL", Integer.toString(startedMost + stoppedMost + 20));
        SandboxReport report = new SandboxReport(scale);
        try (ServerProcess server = ServerProcess.start(jar, out.resolveSibling("server-sandboxes.log"), settings);
             SandboxApi api = new SandboxApi(server.baseUrl())) {
            api.signIn("admin", ServerProcess.ADMIN_PASSWORD);
            Path sandboxes = server.dataDir().resolve("sandboxes");
            System.err.println("create → first exec");
            createToFirstExec(api, scaled(100, scale, 10), report);
            System.err.println("exec round trip");
            execRoundTrip(api, scaled(300, scale, 30), report);
            System.err.println("start of a stopped sandbox");
            startStopped(api, scaled(50, scale, 10), report);
            System.err.println("start from a 200 MB snapshot");
            startFromSnapshot(api, sandboxes, scaled(10, scale, 3), report);
            System.err.println("idle started sandboxes");
            idleStarted(api, server.handle(), startedMost, Math.max(1, startedMost / 3), report);
            System.err.println("stopped sandboxes");
            idleStopped(api, server.handle(), sandboxes, stoppedMost, Math.max(1, stoppedMost / 4), report);
        }
        String text = report.toMarkdown();
        Files.writeString(out, text, StandardCharsets.UTF_8);
        System.out.print(text);
    }

    private static int scaled(int count, double scale, int least) {
        return Math.max(least, (int) Math.round(count * scale));
    }

    /**
     * A sandbox as the Free and Basic tiers make them: without network. One with network also has
     * its own user-mode network stack (pasta), which the report's memory breakdown shows apart.
     */
    private static Map<String, Object> request(String name) {
        return Map.of("name", name, "network", network);
    }

    /** Whether the measured sandboxes have network ({@code --network true}); read once from the options. */
    private static boolean network;

    private static void createToFirstExec(SandboxApi api, int iterations, SandboxReport report) {
        Bare echo = new Bare("/bin/echo", "hi");
        Bare bash = new Bare("/bin/bash", "-c", "echo hi");
        List<Long> bareEcho = new ArrayList<>();
        List<Long> bareBash = new ArrayList<>();
        List<Long> total = new ArrayList<>();
        List<Long> create = new ArrayList<>();
        List<Long> firstExec = new ArrayList<>();
        List<Long> delete = new ArrayList<>();
        for (int i = 0; i < WARM_UP + iterations; i++) {
            long e = echo.runOnce();
            long b = bash.runOnce();
            long started = System.nanoTime();
            String id = api.create(request("bench-create-" + i)).get("id").asString();
            long created = System.nanoTime();
            api.execute(id, "echo hi", "hi\n");
            long executed = System.nanoTime();
            api.delete(id);
            long deleted = System.nanoTime();
            if (i >= WARM_UP) {
                bareEcho.add(e);
                bareBash.add(b);
                total.add(executed - started);
                create.add(created - started);
                firstExec.add(executed - created);
                delete.add(deleted - executed);
            }
        }
        report.createToExec(Percentiles.of(bareEcho), Percentiles.of(bareBash), Percentiles.of(total), Percentiles.of(create),
                Percentiles.of(firstExec), Percentiles.of(delete));
    }

    private static void execRoundTrip(SandboxApi api, int iterations, SandboxReport report) {
        Bare echo = new Bare("/bin/echo", "hi");
        Bare bash = new Bare("/bin/bash", "-c", "echo hi");
        List<Long> bareEcho = new ArrayList<>();
        List<Long> bareBash = new ArrayList<>();
        List<Long> exec = new ArrayList<>();
        String id = api.create(request("bench-exec")).get("id").asString();
        for (int i = 0; i < 3 * WARM_UP + iterations; i++) {
            long e = echo.runOnce();
            long b = bash.runOnce();
            long started = System.nanoTime();
            api.execute(id, "echo hi", "hi\n");
            long elapsed = System.nanoTime() - started;
            if (i >= 3 * WARM_UP) {
                bareEcho.add(e);
                bareBash.add(b);
                exec.add(elapsed);
            }
        }
        api.delete(id);
        report.exec(Percentiles.of(bareEcho), Percentiles.of(bareBash), Percentiles.of(exec));
    }

    private static void startStopped(SandboxApi api, int iterations, SandboxReport report) {
        String id = api.create(request("bench-restart")).get("id").asString();
        api.execute(id, "echo hi > kept", "");
        List<Long> stop = new ArrayList<>();
        List<Long> start = new ArrayList<>();
        List<Long> firstExec = new ArrayList<>();
        for (int i = 0; i < WARM_UP + iterations; i++) {
            long t0 = System.nanoTime();
            api.stop(id);
            long t1 = System.nanoTime();
            api.start(id);
            long t2 = System.nanoTime();
            api.execute(id, "cat kept", "hi\n");
            long t3 = System.nanoTime();
            if (i >= WARM_UP) {
                stop.add(t1 - t0);
                start.add(t2 - t1);
                firstExec.add(t3 - t2);
            }
        }
        api.delete(id);
        report.restart(Percentiles.of(stop), Percentiles.of(start), Percentiles.of(firstExec));
    }

    private static void startFromSnapshot(SandboxApi api, Path sandboxes, int iterations, SandboxReport report) throws Exception {
        String source = api.create(request("bench-snapshot-source")).get("id").asString();
        long wrote = System.nanoTime();
        api.execute(source, "for i in $(seq " + SNAPSHOT_FILES + "); do head -c 1048576 /dev/urandom > f$i || exit 1; done; "
                + "ls | grep -c '^f[0-9]'", SNAPSHOT_FILES + "\n");
        long written = System.nanoTime();
        JsonNode snapshot = api.snapshot(source, "bench-200mb");
        long taken = System.nanoTime();
        String snapshotId = snapshot.get("id").asString();
        long sourceDisk = du(sandboxes.resolve(source).resolve("disk.img"));
        api.delete(source);
        List<Long> start = new ArrayList<>();
        List<Long> firstExec = new ArrayList<>();
        List<Long> ownDisk = new ArrayList<>();
        for (int i = 0; i < 1 + iterations; i++) {
            long t0 = System.nanoTime();
            String id = api.create(Map.of("name", "bench-from-snapshot-" + i, "snapshot", snapshotId)).get("id").asString();
            long t1 = System.nanoTime();
            // Proves the files are there, the last one whole.
            api.execute(id, "ls | grep -c '^f' && stat -c %s f" + SNAPSHOT_FILES, SNAPSHOT_FILES + "\n1048576\n");
            long t2 = System.nanoTime();
            long disk = du(sandboxes.resolve(id).resolve("disk.img"));
            api.delete(id);
            if (i >= 1) {
                start.add(t1 - t0);
                firstExec.add(t2 - t1);
                ownDisk.add(disk);
            }
        }
        report.snapshot(snapshot.path("size_bytes").asLong(), written - wrote, taken - written, sourceDisk,
                Percentiles.of(start), Percentiles.of(firstExec), ownDisk);
    }

    private static void idleStarted(SandboxApi api, ProcessHandle server, int most, int step, SandboxReport report) throws Exception {
        List<String> ids = new ArrayList<>();
        report.started(0, ProcessMemory.measure(server, FIRST_SANDBOX_UID));
        while (ids.size() < most) {
            for (int i = 0; i < step && ids.size() < most; i++) {
                String id = api.create(request("bench-idle-" + ids.size())).get("id").asString();
                api.execute(id, "echo alive-$((" + ids.size() + "+1000))", "alive-" + (ids.size() + 1000) + "\n");
                ids.add(id);
            }
            ProcessMemory.Sample sample = ProcessMemory.measure(server, FIRST_SANDBOX_UID);
            report.started(ids.size(), sample);
            report.breakdown(sample.byName());
            System.err.printf(Locale.ROOT, "%d started: %.0f MiB (PSS), %d processes%n", ids.size(), mib(sample.pssBytes()),
                    sample.processes());
            if (sample.pssBytes() > BUDGET) {
                break;
            }
        }
        for (String id : ids) {
            api.delete(id);
        }
    }

    private static void idleStopped(SandboxApi api, ProcessHandle server, Path sandboxes, int most, int step, SandboxReport report)
            throws Exception {
        List<String> ids = new ArrayList<>();
        report.stopped(0, ProcessMemory.measure(server, FIRST_SANDBOX_UID), sandboxes.toFile().exists() ? du(sandboxes) : 0);
        while (ids.size() < most) {
            long t0 = System.nanoTime();
            int before = ids.size();
            for (int i = 0; i < step && ids.size() < most; i++) {
                String id = api.create(request("bench-stopped-" + ids.size())).get("id").asString();
                api.stop(id);
                ids.add(id);
            }
            double perSecond = (ids.size() - before) / ((System.nanoTime() - t0) / 1e9);
            ProcessMemory.Sample sample = ProcessMemory.measure(server, FIRST_SANDBOX_UID);
            report.stopped(ids.size(), sample, du(sandboxes));
            System.err.printf(Locale.ROOT, "%d stopped: server %.0f MiB (PSS), %d processes, %.1f made and stopped a second%n",
                    ids.size(), mib(sample.serverPssBytes()), sample.processes(), perSecond);
        }
        for (String id : ids) {
            api.delete(id);
        }
    }

    /** Bytes a file or folder takes on the host's disk (du: allocated blocks, not apparent size). */
    private static long du(Path path) throws IOException, InterruptedException {
        Process du = new ProcessBuilder("du", "-s", "-B1", path.toString()).redirectErrorStream(true).start();
        String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!du.waitFor(5, TimeUnit.MINUTES) || du.exitValue() != 0) {
            throw new IllegalStateException("du " + path + ": " + out);
        }
        return Long.parseLong(out.split("\\s+")[0]);
    }

    static double mib(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }

    /** A command spawned from Java as a plain child with an empty environment, as {@code env -i} would. */
    private record Bare(List<String> command) {

        Bare(String... command) {
            this(List.of(command));
        }

        long runOnce() {
            try {
                long started = System.nanoTime();
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
                builder.environment().clear();
                Process process = builder.start();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int exit = process.waitFor();
                long elapsed = System.nanoTime() - started;
                if (exit != 0 || !out.equals("hi\n")) {
                    throw new IllegalStateException(command + " exited " + exit + " with " + out);
                }
                return elapsed;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
