package io.coderunner.engine;

import static org.awaitility.Awaitility.await;

import io.coderunner.engine.language.Language;
import io.coderunner.engine.language.LanguageRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/** One real bubblewrap sandbox shared by the engine's tests, with its own uids and cgroup name. */
final class SandboxFixture {

    static final int UID_BASE = 62000;
    static final int SLOTS = 3;
    static final LanguageRegistry LANGUAGES = LanguageRegistry.probeHost();
    private static Sandbox sandbox;

    private SandboxFixture() {
    }

    static synchronized Sandbox sandbox() {
        if (sandbox == null) {
            try {
                Path root = Files.createTempDirectory("coderunner-engine-tests");
                // Slot uids must be able to pass through to their work directories.
                Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
                SandboxConfig config = new SandboxConfig(SandboxConfig.BUBBLEWRAP, root, SLOTS, UID_BASE,
                        SandboxConfig.defaultCompileLimits(), "coderunner-engine-tests", false);
                sandbox = Sandboxes.create(config);
                Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return sandbox;
    }

    static boolean bubblewrapInstalled() {
        return Files.isExecutable(Path.of("/usr/bin/bwrap"));
    }

    static Language language(String id) {
        return LANGUAGES.require(id);
    }

    static RunResult run(String language, String code) {
        return run(language, code, Limits.defaults());
    }

    static RunResult run(String language, String code, Limits limits) {
        return sandbox().run(RunSpec.of(language(language), code, limits));
    }

    /**
     * Host processes running as any slot uid of the test sandbox, other than the sandboxes the engine
     * keeps started and waiting for each slot's next run: none may outlive a run. A waiting sandbox is
     * recognised precisely: bwrap started by this JVM, and inside it only the engine's init, still
     * waiting and with no child. Waits a moment for a sandbox being started to reach that state.
     */
    static List<String> leftoverProcesses() {
        Supplier<List<String>> now = () -> slotProcesses().stream().filter(p -> !p.partOfAWaitingSandbox())
                .map(SlotProcess::toString).toList();
        try {
            return await().atMost(Duration.ofSeconds(2)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                    .until(now::get, List::isEmpty);
        } catch (ConditionTimeoutException e) {
            return now.get();
        }
    }

    private record SlotProcess(long pid, int uid, String state, long parent, String comm, String cmdline, List<SlotProcess> all) {

        boolean partOfAWaitingSandbox() {
            long jvm = ProcessHandle.current().pid();
            boolean bwrap = comm.equals("bwrap")
                    && (parent == jvm || find(parent).map(p -> p.comm.equals("bwrap") && p.parent == jvm).orElse(false));
            boolean waitingInit = cmdline.contains(WAITING_INIT) && all.stream().noneMatch(p -> p.parent == pid)
                    && find(parent).map(p -> p.comm.equals("bwrap")).orElse(false);
            return bwrap || waitingInit;
        }

        private java.util.Optional<SlotProcess> find(long wanted) {
            return all.stream().filter(p -> p.pid == wanted).findFirst();
        }

        @Override
        public String toString() {
            return pid + " uid " + uid + " state " + state + " ppid " + parent + " " + comm;
        }
    }

    /** What the engine's waiting init runs (see StageScript): it reads the word that starts a run. */
    private static final String WAITING_INIT = "IFS= read -r line";

    private static List<SlotProcess> slotProcesses() {
        List<SlotProcess> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String status = Files.readString(proc.resolve("status"));
                    int uid = Integer.parseInt(status.replaceAll("(?s).*\nUid:\\s*(\\d+).*", "$1"));
                    String state = status.replaceAll("(?s).*State:\\s*(\\S).*", "$1");
                    // A zombie runs nothing and waits only for the host's init to reap it.
                    if (uid < UID_BASE || uid >= UID_BASE + SLOTS || state.equals("Z")) {
                        continue;
                    }
                    long parent = Long.parseLong(status.replaceAll("(?s).*PPid:\\s*(\\d+).*", "$1"));
                    String cmdline = Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
                    found.add(new SlotProcess(Long.parseLong(proc.getFileName().toString()), uid, state, parent,
                            Files.readString(proc.resolve("comm")).strip(), cmdline, found));
                } catch (IOException | RuntimeException e) {
                    // The process ended while we looked at it.
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }
}
