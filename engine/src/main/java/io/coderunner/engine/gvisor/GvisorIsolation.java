package io.coderunner.engine.gvisor;

import io.coderunner.engine.Limits;
import io.coderunner.engine.SandboxException;
import io.coderunner.engine.run.Isolation;
import io.coderunner.engine.run.SandboxEtc;
import io.coderunner.engine.run.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Isolation by gVisor: the program talks to runsc's user-space kernel (the sentry), never to the
 * host's. Each stage is one {@code runsc run} of an OCI bundle the engine writes for it (see
 * {@link OciBundle}): an empty read-only root, the language's paths read-only, /work, the control
 * directory read-only, a bounded /tmp, no capabilities, no network unless the stage may use it.
 *
 * <p>A stage that may use the network runs, like bubblewrap's, in a network namespace of its own
 * behind the same nftables firewall ({@link #needsUserModeNetwork()}): the launcher enters
 * that namespace before it execs runsc, and runsc is given {@code --network=host}, so the sentry's
 * sockets are host sockets <em>of that namespace</em> and pass its {@code output} hook exactly as
 * a bubblewrap program's do, refused at once with "no route to host". gVisor's own network stack
 * ({@code --network=sandbox}) is not used, for two reasons found on the hosts this runs on:
 * runsc releases before mid-2024 (Debian's 20221219 among them) take every namespace for the
 * host's on kernels where {@code net.core.rmem_default} is per namespace (they test for that file)
 * and refuse to start; and where it does start, its stack sends raw frames on the namespace's
 * device, which the {@code output} hook never sees: the host's own address and the private ranges
 * were reachable. A {@code netdev egress} rule on the device does see those frames but can only
 * drop them, so a refused connection would hang until its timeout instead of failing. The price of the host stack:
 * the sentry's socket calls reach the host kernel's network code (in a namespace holding nothing
 * but the link to pasta), and runsc then starts the sentry in the bundle's user namespace, as its
 * root (the host's uid 0, with no capability outside that namespace, under seccomp and no new
 * privileges) rather than as nobody in a namespace of its own. That user namespace does not own the
 * network namespace, so neither the sentry nor the program can change the firewall.
 *
 * <p>runsc must start as root: it builds the sandbox's namespaces, chroot and seccomp filters, then
 * runs the sentry (of a stage without network) as nobody in a user namespace of its own and the
 * gofer in the bundle's user namespace. {@code runsc --rootless run} does start after the launcher's drop to the slot's uid,
 * but its user namespace then holds only that uid, as root: the program could own its work
 * directory only by running as uid 0 inside, and gVisor's maintainers describe rootless mode as
 * meant for {@code runsc do}. So this runtime {@link #dropsPrivilegesItself() drops privileges
 * itself}, and the slot's uid becomes the program's uid for its files (see {@link OciBundle}).
 *
 * <p>The engine has already put the launcher into the stage's control groups, so runsc is told to
 * ignore cgroups: every runsc process (runsc, gofer, sentry, the sentry's stub processes) is then a
 * descendant of the launcher in those groups, and dies when the engine kills them.
 */
public final class GvisorIsolation implements Isolation {

    /** Where the slot's control directory (the stage script) appears, read-only. */
    static final String CONTROL_DIR = "/run/coderunner";
    /** runsc's exit code, with a last stderr line starting so, when it could not start the container. */
    static final int RUNSC_FAILED = 128;
    static final String RUNSC_ERROR = "running container: ";
    /** Host tasks of the runtime itself: runsc, the gofer and the sentry with their Go threads (about 45). */
    static final int RUNTIME_TASKS = 96;
    /**
     * Host tasks per task of the program: under the ptrace platform a running thread costs a sentry
     * thread and a stub thread, and each process a stub process of its own (about 5 measured).
     */
    static final int TASKS_PER_PROCESS = 6;

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final String runsc;
    private final Path runscRoot;
    private final Path bundles;
    private final Path etc;
    /** Container ids are global on the host (runsc names an abstract socket after them): pid and instance. */
    private final String idPrefix;
    private final AtomicLong launches = new AtomicLong();

    /** @param stateRoot directory where the engine keeps runsc's state, the bundles and the sandbox's /etc files */
    public GvisorIsolation(String runsc, Path stateRoot) {
        this.runsc = runsc;
        this.runscRoot = stateRoot.resolve("runsc");
        this.bundles = stateRoot.resolve("bundles");
        this.etc = stateRoot.resolve("etc");
        this.idPrefix = "coderunner-" + ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet();
        try {
            // Whatever an earlier engine left here belongs to containers that no longer run.
            OciBundle.deleteTree(runscRoot);
            OciBundle.deleteTree(bundles);
            Files.createDirectories(runscRoot);
            Files.createDirectories(bundles);
            SandboxEtc.write(etc);
        } catch (IOException e) {
            throw new SandboxException("cannot prepare gVisor files in " + stateRoot + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "gvisor";
    }

    @Override
    public boolean isolated() {
        return true;
    }

    @Override
    public void verifyAvailable() {
        if (!Files.isExecutable(Path.of(runsc))) {
            throw new SandboxException("gVisor is not installed (" + runsc + " not found): "
                    + "install the 'runsc' package, or choose another runtime");
        }
        if (!runningAsRoot()) {
            throw new SandboxException("the gvisor runtime needs the engine to run as root: runsc creates the "
                    + "sandbox's namespaces and mounts itself before it drops its privileges");
        }
    }

    /** A stage with network runs runsc inside a namespace of its own with pasta and the firewall. */
    @Override
    public boolean needsUserModeNetwork() {
        return true;
    }

    @Override
    public String controlDir(Stage stage) {
        return CONTROL_DIR;
    }

    @Override
    public boolean dropsPrivilegesItself() {
        return true;
    }

    /** Room in the stage's pids group for the runtime's own host tasks; memory and CPU time include the runtime's. */
    @Override
    public Limits hostLimits(Limits limits) {
        int tasks = RUNTIME_TASKS + TASKS_PER_PROCESS * limits.maxProcesses();
        return new Limits(limits.wallTimeMs(), limits.cpuTimeMs(), limits.memoryBytes(), tasks, limits.maxOutputBytes(),
                limits.maxFileBytes(), limits.diskBytes(), limits.maxOpenFiles(), limits.networkAccess());
    }

    /**
     * Writes the stage's bundle into its slot's bundle directory and returns the runsc command. The
     * engine starts a slot's next sandbox only once the slot's previous one is dead, so the slot's
     * bundle can be rewritten, and the state runsc keeps of the slot's earlier containers (left
     * behind when the engine kills one before it exits) can be removed here.
     */
    @Override
    public List<String> command(Stage stage, List<String> init) {
        String slot = slotName(stage);
        String slotPrefix = idPrefix + "-" + slot + "-";
        forgetContainers(slotPrefix);
        String id = slotPrefix + launches.incrementAndGet();
        Path bundle = bundles.resolve(slot);
        List<OciMount> mounts = OciBundle.mounts(stage, etc, CONTROL_DIR);
        try {
            Files.createDirectories(bundle);
        } catch (IOException e) {
            throw new SandboxException("cannot create the gVisor bundle directory " + bundle + ": " + e.getMessage(), e);
        }
        OciBundle.write(bundle, OciBundle.config(stage, init, mounts), mounts, stage.mounts());
        return arguments(stage, bundle, id);
    }

    /** runsc's command line for a bundle already written. */
    List<String> arguments(Stage stage, Path bundle, String id) {
        List<String> args = new ArrayList<>(List.of(runsc, "--root=" + runscRoot, "--ignore-cgroups"));
        // "host" is the stage's own namespace, which the launcher has entered (see the class comment).
        args.add(stage.limits().network() ? "--network=host" : "--network=none");
        args.addAll(List.of("run", "--bundle", bundle.toString(), id));
        return args;
    }

    /** runsc reports a container it could not start as "running container: ..." and exits with 128. */
    @Override
    public boolean setupFailed(int exitCode, String stderr) {
        if (exitCode != RUNSC_FAILED) {
            return false;
        }
        String text = stderr.strip();
        return text.substring(text.lastIndexOf('\n') + 1).startsWith(RUNSC_ERROR);
    }

    /** What every container id of this isolation starts with. */
    String idPrefix() {
        return idPrefix;
    }

    /** The slot's directory name (slot-0, ...): each slot has its own state directory under it. */
    static String slotName(Stage stage) {
        Path slotDir = stage.stateDir().toAbsolutePath().getParent();
        String name = slotDir == null || slotDir.getFileName() == null ? "slot" : slotDir.getFileName().toString();
        return name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /** Removes runsc's state files of containers with this id prefix: {@code <id>_sandbox:<id>.state} and {@code .lock}. */
    private void forgetContainers(String prefix) {
        try (Stream<Path> files = Files.list(runscRoot)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new SandboxException("cannot clean gVisor's state in " + runscRoot + ": " + e.getMessage(), e);
        }
    }

    private static boolean runningAsRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
