package io.coderunner.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The sandboxes benchmark's figures as Markdown, the form docs/PERFORMANCE.md keeps them in. */
final class SandboxReport {

    private static final long BUDGET = 2L * 1024 * 1024 * 1024;

    private final StringBuilder latency = new StringBuilder();
    private final StringBuilder snapshot = new StringBuilder();
    private final List<long[]> started = new ArrayList<>();
    private final List<long[]> stopped = new ArrayList<>();
    private final double scale;

    SandboxReport(double scale) {
        this.scale = scale;
    }

    void createToExec(Percentiles echo, Percentiles bash, Percentiles total, Percentiles create, Percentiles firstExec,
                      Percentiles delete) {
        row("bare `env -i /bin/echo hi`, spawned from Java", echo, null);
        row("bare `env -i /bin/bash -c 'echo hi'`, spawned from Java", bash, null);
        row("**create → first `echo hi`** (POST /sandboxes + POST …/process/execute)", total, bash);
        row("— of which POST /sandboxes (answers started)", create, null);
        row("— of which the first POST …/process/execute", firstExec, null);
        row("DELETE /sandboxes/{id} of a started sandbox (not in the above)", delete, null);
    }

    void exec(Percentiles echo, Percentiles bash, Percentiles exec) {
        row("bare `env -i /bin/echo hi` (in the exec loop)", echo, null);
        row("bare `env -i /bin/bash -c 'echo hi'` (in the exec loop)", bash, null);
        row("**exec round trip** of `echo hi` in a started sandbox (POST …/process/execute)", exec, bash);
    }

    void restart(Percentiles stop, Percentiles start, Percentiles firstExec) {
        row("POST …/stop of an idle started sandbox", stop, null);
        row("**POST …/start of a stopped sandbox** (answers started)", start, null);
        row("— then its first exec (`cat` of a file kept across the stop)", firstExec, null);
    }

    void snapshot(long sizeBytes, long writeNanos, long takeNanos, long sourceDisk, Percentiles start, Percentiles firstExec,
                  List<Long> ownDisk) {
        row("**POST /sandboxes {snapshot} of 200 MB** (answers started)", start, null);
        row("— then its first exec (counts the 200 files, stats the last)", firstExec, null);
        long most = ownDisk.stream().mapToLong(Long::longValue).max().orElse(0);
        long least = ownDisk.stream().mapToLong(Long::longValue).min().orElse(0);
        snapshot.append(String.format(Locale.ROOT, "- the snapshot: %d files of 1 MiB from /dev/urandom, size_bytes %d (%.1f MiB); "
                        + "writing them took %.1f s in the sandbox, POST /sandboxes/{id}/snapshot %.2f s (it copies the files once, "
                        + "into the snapshot)%n", 200, sizeBytes, SandboxBenchmark.mib(sizeBytes), writeNanos / 1e9, takeNanos / 1e9));
        snapshot.append(String.format(Locale.ROOT, "- the source sandbox's disk.img on the host: %.1f MiB (du)%n",
                SandboxBenchmark.mib(sourceDisk)));
        snapshot.append(String.format(Locale.ROOT, "- each sandbox made from the snapshot, its own disk.img on the host (du, after its "
                + "first exec): %.2f to %.2f MiB over %d sandboxes — the snapshot's files are not copied, they lie under its "
                + "own layer (overlay)%n", SandboxBenchmark.mib(least), SandboxBenchmark.mib(most), ownDisk.size()));
    }

    void started(int count, ProcessMemory.Sample s) {
        started.add(new long[] {count, s.processes(), s.sandboxUidProcesses(), s.pssBytes(), s.rssBytes(), s.serverPssBytes(), s.serverRssBytes()});
    }

    private final StringBuilder breakdown = new StringBuilder();

    void breakdown(java.util.Map<String, long[]> byName) {
        breakdown.setLength(0);
        byName.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).forEach(e ->
                breakdown.append(String.format(Locale.ROOT, "| %s | %d | %.1f MiB | %.2f MiB |\n", e.getKey(), e.getValue()[0],
                        mib(e.getValue()[1]), mib(e.getValue()[1]) / e.getValue()[0])));
    }

    void stopped(int count, ProcessMemory.Sample s, long diskBytes) {
        stopped.add(new long[] {count, s.sandboxUidProcesses(), s.serverPssBytes(), s.serverRssBytes(), diskBytes});
    }

    private void row(String what, Percentiles p, Percentiles bare) {
        System.err.printf(Locale.ROOT, "%s: p50 %.1f ms, p95 %.1f ms%n", what, p.p50(), p.p95());
        if (latency.isEmpty()) {
            latency.append("| measurement | runs | p50 | p95 | mean | ÷ bare bash (p50) |\n| --- | ---: | ---: | ---: | ---: | ---: |\n");
        }
        latency.append(String.format(Locale.ROOT, "| %s | %d | %.1f ms | %.1f ms | %.1f ms | %s |\n", what, p.count(), p.p50(),
                p.p95(), p.mean(), bare == null ? "" : String.format(Locale.ROOT, "%.1f×", p.p50() / bare.p50())));
    }

    String toMarkdown() {
        StringBuilder out = new StringBuilder("Measured " + Instant.now() + String.format(Locale.ROOT, ", --scale %s.%n%n", scale));
        out.append("| machine | |\n| --- | --- |\n");
        MachineInfo.describe().forEach((k, v) -> out.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        out.append("\n#### Latency\n\n").append(latency);
        out.append("\n#### Start from a snapshot\n\n").append(snapshot);
        out.append("\n#### Idle started sandboxes\n\n| sandboxes | processes counted | of sandbox uids | PSS, server + sandboxes "
                + "| RSS, server + sandboxes | PSS of the server JVM | RSS of the server JVM |\n"
                + "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (long[] s : started) {
            out.append(String.format(Locale.ROOT, "| %d | %d | %d | %.0f MiB | %.0f MiB | %.0f MiB | %.0f MiB |\n", s[0], s[1],
                    s[2], mib(s[3]), mib(s[4]), mib(s[5]), mib(s[6])));
        }
        if (!breakdown.isEmpty()) {
            out.append("\nWhere it is, at the last row (PSS by process name, over all processes counted):\n\n")
                    .append("| process | count | PSS | PSS each |\n| --- | ---: | ---: | ---: |\n").append(breakdown);
        }
        if (started.size() > 1) {
            long[] first = started.getFirst();
            long[] last = started.getLast();
            double each = (double) (last[3] - first[3]) / last[0];
            double server = (double) (last[5] - first[5]) / last[0];
            out.append(String.format(Locale.ROOT, "%nEach idle started sandbox adds %.2f MiB (PSS of the server and of every "
                            + "sandbox process, from 0 to %d sandboxes), of which %.2f MiB in the server JVM; 2 GiB hold about "
                            + "%d idle started sandboxes with the server.%n", mib((long) each), last[0], mib((long) server),
                    (long) ((BUDGET - first[3]) / each)));
        }
        out.append("\n#### Stopped sandboxes\n\n| sandboxes | sandbox processes | PSS of the server JVM | RSS of the server JVM "
                + "| disk of data/sandboxes (du) |\n| ---: | ---: | ---: | ---: | ---: |\n");
        for (long[] s : stopped) {
            out.append(String.format(Locale.ROOT, "| %d | %d | %.0f MiB | %.0f MiB | %.0f MiB |\n", s[0], s[1], mib(s[2]),
                    mib(s[3]), mib(s[4])));
        }
        if (stopped.size() > 1) {
            long[] first = stopped.getFirst();
            long[] last = stopped.getLast();
            double memory = (double) (last[2] - first[2]) / last[0];
            double disk = (double) (last[4] - first[4]) / last[0];
            out.append(String.format(Locale.ROOT, "%nEach stopped sandbox holds no process, %.1f KiB of the server JVM (PSS, from "
                            + "0 to %d) and %.2f MiB of disk (its sparse disk.img); by memory 2 GiB hold %s stopped sandboxes "
                            + "with the server.%n", memory / 1024, last[0], mib((long) disk),
                    memory <= 0 ? "more than any count measured" : "about " + (long) ((BUDGET - first[2]) / memory)));
        }
        return out.toString();
    }

    private static double mib(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }
}
