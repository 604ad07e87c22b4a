package io.coderunner.engine.gvisor;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Finds host processes a gVisor test sandbox left behind: any process of its slot uids, and any
 * runsc process (runsc, gofer, sentry, the sentry's stub processes) in its control groups or naming
 * its state directory, except the sandboxes the engine keeps started and waiting, one per slot.
 *
 * <p>A waiting sandbox is recognised as the newest {@code runsc run} of a slot (its container id
 * ends in a launch counter) that is a child of this JVM, with everything below it. A runsc process
 * of an older container, or one whose parent is gone, is left over.
 */
final class RunscProcesses {

    private static final String RUNSC = "/usr/bin/runsc";

    private final Path stateRoot;
    private final String cgroupName;
    private final int uidBase;
    private final int slots;

    RunscProcesses(Path stateRoot, String cgroupName, int uidBase, int slots) {
        this.stateRoot = stateRoot;
        this.cgroupName = cgroupName;
        this.uidBase = uidBase;
        this.slots = slots;
    }

    /** Leftovers, waiting a moment for a sandbox being started or ended to settle. */
    List<String> leftovers() {
        try {
            return await().atMost(Duration.ofSeconds(6)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                    .until(this::leftoversNow, List::isEmpty);
        } catch (ConditionTimeoutException e) {
            return leftoversNow();
        }
    }

    /** The launch counter of the newest waiting sandbox, 0 when there is none. */
    long newestLaunch() {
        return waitingSandboxes().stream().mapToLong(RunscProcesses::counter).max().orElse(0);
    }

    /**
     * Waits until a sandbox launched after {@code launch} is waiting: the engine starts a slot's next
     * sandbox as the last step of giving the slot back after a run, so the run is then over.
     */
    boolean awaitLaunchAfter(long launch) {
        try {
            await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                    .until(() -> newestLaunch() > launch);
        } catch (ConditionTimeoutException e) {
            return false;
        }
        // The engine takes hold of the sandbox just after starting it, a step /proc does not show:
        // this margin is for it, not a wait for something that can be looked at.
        sleep(100);
        return true;
    }

    /** The runsc run processes of the waiting sandboxes, one per slot at most. */
    List<HostProcess> waitingSandboxes() {
        return waiting(HostProcess.all());
    }

    /** Every live process of the sandbox now: the waiting sandboxes', a running stage's, and leftovers. */
    List<HostProcess> ours() {
        return HostProcess.all().stream().filter(p -> !p.state().equals("Z")).filter(this::ours).toList();
    }

    /** The processes of the waiting sandboxes, below and including their runsc run. */
    Set<Long> waitingPids() {
        List<HostProcess> all = HostProcess.all();
        Set<Long> pids = new HashSet<>();
        for (HostProcess run : waiting(all)) {
            pids.addAll(descendants(run.pid(), all));
        }
        return pids;
    }

    /** Whether the process still runs: a zombie runs nothing and waits only for the host's init to reap it. */
    static boolean running(long pid) {
        return HostProcess.read(Path.of("/proc", Long.toString(pid))).map(p -> !p.state().equals("Z")).orElse(false);
    }

    /** Leftovers now, without waiting for anything to settle. */
    List<String> leftoversNow() {
        Set<Long> allowed = waitingPids();
        return ours().stream().filter(p -> !allowed.contains(p.pid())).map(HostProcess::toString).toList();
    }

    private boolean ours(HostProcess p) {
        boolean slotUid = p.uid() >= uidBase && p.uid() < uidBase + slots;
        boolean runsc = RUNSC.equals(p.exe()) && (p.cgroups().contains(cgroupName) || p.cmdline().contains(stateRoot.toString()));
        return slotUid || runsc || p.cmdline().contains(stateRoot.toString());
    }

    private List<HostProcess> waiting(List<HostProcess> all) {
        long jvm = ProcessHandle.current().pid();
        Map<String, HostProcess> newestPerSlot = new HashMap<>();
        for (HostProcess p : all) {
            List<String> args = p.args();
            if (p.parent() == jvm && RUNSC.equals(p.exe()) && args.contains("run") && p.cmdline().contains(stateRoot.toString())) {
                String id = args.get(args.size() - 1);
                String slot = id.substring(0, id.lastIndexOf('-'));
                newestPerSlot.merge(slot, p, (a, b) -> counter(a) > counter(b) ? a : b);
            }
        }
        return newestPerSlot.values().stream().sorted(Comparator.comparingLong(HostProcess::pid)).toList();
    }

    private static long counter(HostProcess run) {
        String id = run.args().get(run.args().size() - 1);
        return Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
    }

    private static Set<Long> descendants(long root, List<HostProcess> all) {
        Set<Long> found = new HashSet<>(List.of(root));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (HostProcess p : all) {
                if (found.contains(p.parent()) && found.add(p.pid())) {
                    grew = true;
                }
            }
        }
        return found;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What /proc says of one host process. */
    record HostProcess(long pid, long parent, int uid, String state, String exe, List<String> args, String cgroups) {

        String cmdline() {
            return String.join(" ", args);
        }

        static List<HostProcess> all() {
            List<HostProcess> found = new ArrayList<>();
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    read(proc).ifPresent(found::add);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return found;
        }

        private static Optional<HostProcess> read(Path proc) {
            try {
                String status = Files.readString(proc.resolve("status"));
                int uid = Integer.parseInt(status.replaceAll("(?s).*\nUid:\\s*(\\d+).*", "$1"));
                String state = status.replaceAll("(?s).*State:\\s*(\\S).*", "$1");
                long parent = Long.parseLong(status.replaceAll("(?s).*PPid:\\s*(\\d+).*", "$1"));
                String exe;
                try {
                    exe = Files.readSymbolicLink(proc.resolve("exe")).toString();
                } catch (IOException e) {
                    exe = "";
                }
                String raw = Files.readString(proc.resolve("cmdline"));
                List<String> args = raw.isEmpty() ? List.of() : List.of(raw.split("\0"));
                return Optional.of(new HostProcess(Long.parseLong(proc.getFileName().toString()), parent, uid, state, exe,
                        args, Files.readString(proc.resolve("cgroup"))));
            } catch (IOException | RuntimeException e) {
                // The process ended while we looked at it.
                return Optional.empty();
            }
        }

        @Override
        public String toString() {
            return pid + " uid " + uid + " state " + state + " ppid " + parent + " " + exe + " " + cmdline();
        }
    }
}
