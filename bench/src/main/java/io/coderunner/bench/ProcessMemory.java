package io.coderunner.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Memory of the server and of every process that belongs to its sandboxes, after a collection of
 * the server's heap (jcmd GC.run), so that what is counted is what is held, not garbage.
 * Sandbox processes are the server's descendants and, to miss none that left that tree, every
 * process of a sandbox uid (the server gives sandboxes uids from {@code firstSandboxUid} up).
 */
final class ProcessMemory {

    /** @param byName per process name (its comm): how many, and their PSS in bytes */
    record Sample(long pssBytes, long rssBytes, long serverPssBytes, long serverRssBytes, int processes,
                  int sandboxUidProcesses, java.util.Map<String, long[]> byName) {
    }

    private ProcessMemory() {
    }

    static Sample measure(ProcessHandle server, int firstSandboxUid) throws IOException, InterruptedException {
        String jcmd = Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd").toString();
        new ProcessBuilder(jcmd, Long.toString(server.pid()), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
        Thread.sleep(500);
        Set<Long> pids = new LinkedHashSet<>();
        pids.add(server.pid());
        try (Stream<ProcessHandle> descendants = server.descendants()) {
            descendants.forEach(p -> pids.add(p.pid()));
        }
        try (Stream<Path> all = Files.list(Path.of("/proc"))) {
            all.map(p -> p.getFileName().toString()).filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong).filter(pid -> uid(pid) >= firstSandboxUid).forEach(pids::add);
        }
        long pss = 0;
        long rss = 0;
        int processes = 0;
        int ofSandboxUids = 0;
        java.util.Map<String, long[]> byName = new java.util.TreeMap<>();
        for (long pid : pids) {
            long p = kib(pid, "smaps_rollup", "Pss:");
            long r = kib(pid, "status", "VmRSS:");
            if (p > 0 || r > 0) {
                processes++;
                if (uid(pid) >= firstSandboxUid) {
                    ofSandboxUids++;
                }
                long[] named = byName.computeIfAbsent(name(pid), key -> new long[2]);
                named[0]++;
                named[1] += p * 1024;
            }
            pss += p;
            rss += r;
        }
        return new Sample(pss * 1024, rss * 1024, kib(server.pid(), "smaps_rollup", "Pss:") * 1024,
                kib(server.pid(), "status", "VmRSS:") * 1024, processes, ofSandboxUids, byName);
    }

    private static String name(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    private static long uid(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).strip().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Ended while we looked.
        }
        return -1;
    }

    private static long kib(long pid, String file, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), file))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).replace("kB", "").strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Ended while we looked.
        }
        return 0;
    }
}
