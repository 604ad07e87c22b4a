package io.coderunner.engine.bubblewrap;

import io.coderunner.engine.NetworkAccess;
import io.coderunner.engine.SandboxException;
import io.coderunner.engine.language.Mount;
import io.coderunner.engine.run.Descriptor;
import io.coderunner.engine.run.Isolation;
import io.coderunner.engine.run.SandboxEtc;
import io.coderunner.engine.run.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Isolation by bubblewrap: new user, PID, IPC, UTS, cgroup and (unless the stage may use it)
 * network namespaces; a new session; an empty root holding only the language's toolchain paths,
 * read-only; a private /work and a bounded /tmp; a seccomp filter; and no way to make another
 * user namespace. Everything engine-owned reaches bwrap as an open descriptor, so the slot's
 * uid never needs to see the engine's directories.
 */
public final class BubblewrapIsolation implements Isolation {

    static final int SECCOMP_FD = 3;
    static final int WORK_FD = 5;
    static final int PASSWD_FD = 6;
    static final int GROUP_FD = 7;
    static final int HOSTS_FD = 8;
    static final int NSSWITCH_FD = 9;
    static final int CONTROL_FD = 4;
    /** Where the slot's control directory (the stage script) appears, read-only. */
    static final String CONTROL_DIR = "/run/coderunner";


    /** Host files a stage allowed the network sees, where the host has them. */
    static final List<String> CERTIFICATE_FILES = List.of("/etc/ssl", "/usr/share/ca-certificates");

    private final String bwrap;
    private final Path seccompFilter;
    private final Path etc;
    private final Predicate<String> onHost;

    /** @param stateRoot directory where the engine keeps the filter and the sandbox's /etc files */
    public BubblewrapIsolation(String bwrap, Path stateRoot) {
        this(bwrap, stateRoot, path -> Files.exists(Path.of(path)));
    }

    /**
     * @param onHost whether the host has a path; asked of the resolver and certificate files, which
     *               are shown to a stage allowed the network only where they exist
     */
    BubblewrapIsolation(String bwrap, Path stateRoot, Predicate<String> onHost) {
        this.bwrap = bwrap;
        this.onHost = onHost;
        try {
            Files.createDirectories(stateRoot);
            this.seccompFilter = SeccompFilter.writeTo(stateRoot);
            this.etc = SandboxEtc.write(stateRoot.resolve("etc"));
        } catch (IOException e) {
            throw new SandboxException("cannot prepare bubblewrap files in " + stateRoot + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "bubblewrap";
    }

    @Override
    public boolean isolated() {
        return true;
    }

    @Override
    public void verifyAvailable() {
        if (!Files.isExecutable(Path.of(bwrap))) {
            throw new SandboxException("bubblewrap is not installed (" + bwrap + " not found): "
                    + "install the 'bubblewrap' package, or choose another runtime");
        }
    }

    @Override
    public boolean needsUserModeNetwork() {
        return true;
    }

    @Override
    public String controlDir(Stage stage) {
        return CONTROL_DIR;
    }

    @Override
    public List<String> command(Stage stage, List<String> init) {
        return command(stage, init, Kind.RUN);
    }

    /**
     * A terminal's sandbox differs in three ways: no new session, because a new session would lose
     * the pseudo-terminal as controlling terminal (the reason for --new-session, faking input with
     * TIOCSTI, is refused by the seccomp filter anyway); bwrap's own init as PID 1, which reaps the
     * shell's orphans; and /dev/tty, which names the process's own controlling terminal.
     */
    @Override
    public List<String> terminalCommand(Stage stage, List<String> init) {
        return command(stage, init, Kind.TERMINAL);
    }

    /**
     * A resident sandbox's differs from a run's in its /dev, of bwrap's making, whose new devpts
     * instance gives processes started under a terminal their pseudo-terminals (none of the host's).
     * As for a run, its init (the agent) is PID 1 of the namespace: the kernel keeps signals of the
     * sandbox's own processes from it (they can neither kill nor stop it), it reaps their orphans,
     * and when it ends every process of the namespace ends with it. With bwrap's own init in
     * between, bwrap would exit as soon as that init reported the agent's end, before reaping it,
     * leaving its zombie to the host's PID 1.
     */
    @Override
    public List<String> residentCommand(Stage stage, List<String> init) {
        return command(stage, init, Kind.RESIDENT);
    }

    private enum Kind { RUN, TERMINAL, RESIDENT }

    private List<String> command(Stage stage, List<String> init, Kind kind) {
        List<String> args = new ArrayList<>(List.of(bwrap,
                "--unshare-user", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"));
        if (kind != Kind.TERMINAL) {
            args.add("--as-pid-1");
        }
        if (kind != Kind.TERMINAL) {
            args.add("--new-session");
        }
        args.addAll(List.of(
                "--uid", Integer.toString(Stage.SANDBOX_UID), "--gid", Integer.toString(Stage.SANDBOX_UID),
                "--disable-userns", "--hostname", "sandbox",
                "--die-with-parent", "--clearenv"));
        // Always a network namespace apart from the host's: a stage allowed the network is
        // started by the launcher inside one of its own, reaching out through pasta and a
        // firewall (UserModeNetwork), so bwrap then keeps that one rather than making an empty one.
        if (!stage.limits().network()) {
            args.add("--unshare-net");
        }
        // Descriptor-based mounts first: bwrap reopens them through /proc/self/fd, which must
        // still be the host's /proc (the new one would deny a process that changed uid).
        args.addAll(List.of(
                "--bind-fd", Integer.toString(WORK_FD), stage.sandboxWorkDir(),
                "--ro-bind-fd", Integer.toString(CONTROL_FD), CONTROL_DIR,
                "--file", Integer.toString(PASSWD_FD), "/etc/passwd",
                "--file", Integer.toString(GROUP_FD), "/etc/group",
                "--file", Integer.toString(HOSTS_FD), "/etc/hosts",
                "--file", Integer.toString(NSSWITCH_FD), "/etc/nsswitch.conf"));
        for (Mount mount : stage.mounts()) {
            switch (mount.kind()) {
                case READ_ONLY_BIND -> args.addAll(List.of("--ro-bind", mount.source(), mount.target()));
                case SYMLINK -> args.addAll(List.of("--symlink", mount.source(), mount.target()));
                // By path, like the language's mounts: bwrap resolves a descriptor's path and
                // checks it as the slot's uid anyway, so the directory's parents must let it pass.
                case ENVIRONMENT_READ_ONLY -> args.addAll(List.of("--ro-bind", mount.source(), mount.target()));
                case ENVIRONMENT_WRITABLE -> args.addAll(List.of("--bind", mount.source(), mount.target()));
                case VOLUME_READ_ONLY -> args.addAll(List.of("--ro-bind", mount.source(), mount.target()));
                case VOLUME_WRITABLE -> args.addAll(List.of("--bind", mount.source(), mount.target()));
            }
        }
        if (resolves(stage)) {
            // By path: the launcher is /bin/sh, which opens descriptors 0-9 only, and those are taken.
            // The file says only where the namespace's forwarder is; its folder lets others pass.
            args.addAll(List.of("--ro-bind", etc.resolve(SandboxEtc.RESOLV_CONF).toString(), "/etc/resolv.conf"));
        }
        if (stage.limits().network()) {
            for (String path : CERTIFICATE_FILES) {
                if (onHost.test(path)) {
                    args.addAll(List.of("--ro-bind", path, path));
                }
            }
        }
        args.addAll(List.of("--proc", "/proc"));
        if (kind == Kind.RESIDENT) {
            args.addAll(List.of("--dev", "/dev"));
        } else {
            args.addAll(List.of(
                    // A /dev of the usual character devices only. bwrap's --dev would also mount a new
                    // devpts, which no run needs and which costs about 2 ms per run.
                    "--tmpfs", "/dev",
                    "--dev-bind", "/dev/null", "/dev/null",
                    "--dev-bind", "/dev/zero", "/dev/zero",
                    "--dev-bind", "/dev/full", "/dev/full",
                    "--dev-bind", "/dev/random", "/dev/random",
                    "--dev-bind", "/dev/urandom", "/dev/urandom",
                    "--symlink", "/proc/self/fd", "/dev/fd",
                    "--symlink", "/proc/self/fd/0", "/dev/stdin",
                    "--symlink", "/proc/self/fd/1", "/dev/stdout",
                    "--symlink", "/proc/self/fd/2", "/dev/stderr"));
        }
        if (kind == Kind.TERMINAL) {
            args.addAll(List.of("--dev-bind", "/dev/tty", "/dev/tty"));
        }
        args.addAll(List.of(
                "--perms", "1777", "--size", Long.toString(stage.limits().diskBytes()), "--tmpfs", "/tmp",
                "--chdir", stage.sandboxWorkDir(),
                "--remount-ro", "/",
                "--seccomp", Integer.toString(SECCOMP_FD)));
        // By name, so that the same stage always gives the same command line.
        new TreeMap<>(stage.env()).forEach((key, value) -> args.addAll(List.of("--setenv", key, value)));
        args.add("--");
        args.addAll(init);
        return args;
    }

    @Override
    public List<Descriptor> descriptors(Stage stage) {
        return List.of(
                Descriptor.read(SECCOMP_FD, seccompFilter),
                Descriptor.read(WORK_FD, stage.workDir()),
                Descriptor.read(CONTROL_FD, stage.stateDir()),
                Descriptor.read(PASSWD_FD, SandboxEtc.passwd(etc, stage.sandboxWorkDir())),
                Descriptor.read(GROUP_FD, etc.resolve("group")),
                Descriptor.read(HOSTS_FD, hosts(stage)),
                Descriptor.read(NSSWITCH_FD, etc.resolve("nsswitch.conf")));
    }

    /**
     * Whether the stage gets a resolver: one with public network, whose resolv.conf names its
     * namespace's forwarder to the host's resolver, never the host's resolver itself. A stage that
     * may reach only some destinations has no DNS: their names are in its hosts file.
     */
    private static boolean resolves(Stage stage) {
        return stage.limits().networkAccess() instanceof NetworkAccess.Public;
    }

    private Path hosts(Stage stage) {
        try {
            return SandboxEtc.hosts(etc, stage.limits().networkAccess());
        } catch (IOException e) {
            throw new SandboxException("cannot write the sandbox's hosts file in " + etc + ": " + e.getMessage(), e);
        }
    }

    /** bwrap reports its own setup failures on stderr as "bwrap: ..." and exits with 1. */
    @Override
    public boolean setupFailed(int exitCode, String stderr) {
        return exitCode == 1 && stderr.startsWith("bwrap: ");
    }

}
