package io.coderunner.engine;

import io.coderunner.engine.language.Language;
import io.coderunner.engine.language.LanguageRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

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

    /** Host processes running as any slot uid of the test sandbox: none may outlive a run. */
    static List<String> leftoverProcesses() {
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    for (String line : Files.readAllLines(proc.resolve("status"))) {
                        if (line.startsWith("Uid:")) {
                            int uid = Integer.parseInt(line.split("\\s+")[1]);
                            if (uid >= UID_BASE && uid < UID_BASE + SLOTS) {
                                String status = Files.readString(proc.resolve("status"));
                                String state = status.replaceAll("(?s).*State:\\s*(\\S).*", "$1");
                                String parent = status.replaceAll("(?s).*PPid:\\s*(\\d+).*", "$1");
                                if (state.equals("Z")) {
                                    // Dead already: a zombie runs nothing and waits only for the host's init to reap it.
                                    continue;
                                }
                                found.add(proc.getFileName() + " uid " + uid + " state " + state + " ppid " + parent
                                        + " " + Files.readString(proc.resolve("comm")).strip());
                            }
                        }
                    }
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
