package io.coderunner.engine.bubblewrap;

import io.coderunner.engine.SandboxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seccomp program bubblewrap loads before it starts a program: classic BPF, in the binary
 * form of {@code struct sock_filter[]} that {@code bwrap --seccomp FD} reads. Written here because
 * no maintained Java library produces seccomp programs, and a native helper (libseccomp) would be
 * one more thing to build and ship; the program is small and its shape is fixed.
 *
 * <p>It is a deny list over a default of allow: system calls that a program run has no use for
 * and that have a history of kernel exploits answer EPERM; {@code clone3} answers ENOSYS so that
 * libc falls back to {@code clone}, whose flags (unlike clone3's, which live in memory) the
 * filter can inspect and refuse when they ask for new namespaces.
 */
public final class SeccompFilter {

    public enum Architecture {
        X86_64(0xC000003EL),
        AARCH64(0xC00000B7L);

        final long auditArch;

        Architecture(long auditArch) {
            this.auditArch = auditArch;
        }
    }

    /** Refused with EPERM, by name; numbers per architecture below (absent = no such call there). */
    private static final List<String> DENIED = List.of(
            "ptrace", "process_vm_readv", "process_vm_writev",
            "mount", "umount2", "pivot_root", "move_mount", "open_tree", "fsopen", "fsconfig", "fsmount", "fspick",
            "mount_setattr", "unshare", "setns",
            "keyctl", "add_key", "request_key", "bpf", "userfaultfd", "perf_event_open",
            "kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module", "reboot",
            "swapon", "swapoff", "syslog", "acct", "settimeofday", "clock_settime", "clock_adjtime", "adjtimex",
            "quotactl", "quotactl_fd", "lookup_dcookie", "open_by_handle_at", "name_to_handle_at", "fanotify_init",
            "kcmp", "iopl", "ioperm", "uselib", "vhangup", "io_uring_setup", "io_uring_enter", "io_uring_register",
            "pidfd_getfd");

    // From the kernel's arch/x86/entry/syscalls/syscall_64.tbl and include/uapi/asm-generic/unistd.h.
    private static final Map<String, int[]> NUMBERS = numbers(
            "ptrace 101 117", "process_vm_readv 310 270", "process_vm_writev 311 271",
            "mount 165 40", "umount2 166 39", "pivot_root 155 41", "move_mount 429 429", "open_tree 428 428",
            "fsopen 430 430", "fsconfig 431 431", "fsmount 432 432", "fspick 433 433", "mount_setattr 442 442",
            "unshare 272 97", "setns 308 268", "keyctl 250 219", "add_key 248 217", "request_key 249 218",
            "bpf 321 280", "userfaultfd 323 282", "perf_event_open 298 241", "kexec_load 246 104",
            "kexec_file_load 320 294", "init_module 175 105", "finit_module 313 273", "delete_module 176 106",
            "reboot 169 142", "swapon 167 224", "swapoff 168 225", "syslog 103 116", "acct 163 89",
            "settimeofday 164 170", "clock_settime 227 112", "clock_adjtime 305 266", "adjtimex 159 171",
            "quotactl 179 60", "quotactl_fd 443 443", "lookup_dcookie 212 18", "open_by_handle_at 304 265",
            "name_to_handle_at 303 264", "fanotify_init 300 262", "kcmp 312 272", "iopl 172 -", "ioperm 173 -",
            "uselib 134 -", "vhangup 153 58", "io_uring_setup 425 425", "io_uring_enter 426 426",
            "io_uring_register 427 427", "pidfd_getfd 438 438",
            "personality 135 92", "clone 56 220", "clone3 435 435", "ioctl 16 29");

    private static final int EPERM = 1;
    private static final int ENOSYS = 38;
    private static final long RET_KILL_PROCESS = 0x80000000L;
    private static final long RET_ERRNO = 0x00050000L;
    private static final long RET_ALLOW = 0x7fff0000L;
    private static final long X32_SYSCALL_BIT = 0x40000000L;
    /** CLONE_NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET. */
    private static final long CLONE_NAMESPACE_FLAGS = 0x00020000L | 0x02000000L | 0x04000000L | 0x08000000L
            | 0x10000000L | 0x20000000L | 0x40000000L;
    private static final long TIOCSTI = 0x5412;
    private static final long TIOCLINUX = 0x541C;
    /** personality() values a program may set (as container runtimes allow): Linux, 32-bit, UNAME26, query. */
    private static final long[] PERSONALITIES = {0x0, 0x8, 0x20000, 0x20008, 0xffffffffL};

    // seccomp_data offsets: nr, arch, then args[6] as 64-bit values (low half first, little-endian).
    private static final int OFFSET_NR = 0;
    private static final int OFFSET_ARCH = 4;
    private static final int OFFSET_ARG0 = 16;
    private static final int OFFSET_ARG1 = 24;

    private SeccompFilter() {
    }

    public static List<String> deniedSyscalls() {
        return DENIED;
    }

    public static Architecture hostArchitecture() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> Architecture.X86_64;
            case "aarch64", "arm64" -> Architecture.AARCH64;
            default -> throw new SandboxException("no seccomp filter for architecture " + System.getProperty("os.arch")
                    + "; the bubblewrap runtime supports x86_64 and aarch64");
        };
    }

    /** Writes the host's filter to {@code directory/seccomp.bpf}. */
    public static Path writeTo(Path directory) {
        try {
            return Files.write(directory.resolve("seccomp.bpf"), compile(hostArchitecture()));
        } catch (IOException e) {
            throw new SandboxException("cannot write the seccomp filter to " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * The program for one architecture: the system call number against each rule in turn, the
     * calls with arguments worth looking at in sections of their own, and every rule ending in a
     * jump to one of the four returns at the end.
     */
    public static byte[] compile(Architecture arch) {
        int column = arch.ordinal();
        BpfProgram program = new BpfProgram();
        BpfProgram.Label next = BpfProgram.NEXT;
        BpfProgram.Label allow = program.label("allow");
        BpfProgram.Label refuse = program.label("refuse");
        BpfProgram.Label noSuchCall = program.label("no such call");
        BpfProgram.Label kill = program.label("kill");
        BpfProgram.Label personality = program.label("personality");
        BpfProgram.Label clone = program.label("clone");
        BpfProgram.Label ioctl = program.label("ioctl");

        // Only this architecture's system call numbers mean what the tables say.
        program.load(OFFSET_ARCH).jumpIfEqual(arch.auditArch, next, kill);
        program.load(OFFSET_NR);
        if (arch == Architecture.X86_64) {
            // The x32 ABI's calls are numbered apart, above this bit; nothing here uses them.
            program.jumpIfAtLeast(X32_SYSCALL_BIT, refuse, next);
        }
        for (String name : DENIED) {
            int nr = NUMBERS.get(name)[column];
            if (nr >= 0) {
                program.jumpIfEqual(nr, refuse, next);
            }
        }
        program.jumpIfEqual(number("clone3", column), noSuchCall, next);
        program.jumpIfEqual(number("personality", column), personality, next);
        program.jumpIfEqual(number("clone", column), clone, next);
        program.jumpIfEqual(number("ioctl", column), ioctl, allow);

        // personality: only the harmless values.
        program.place(personality).load(OFFSET_ARG0);
        for (int i = 0; i < PERSONALITIES.length; i++) {
            program.jumpIfEqual(PERSONALITIES[i], allow, i == PERSONALITIES.length - 1 ? refuse : next);
        }

        // clone: refuse new namespaces.
        program.place(clone).load(OFFSET_ARG0).jumpIfAnySet(CLONE_NAMESPACE_FLAGS, refuse, allow);

        // ioctl: no faking input on a terminal.
        program.place(ioctl).load(OFFSET_ARG1)
                .jumpIfEqual(TIOCSTI, refuse, next)
                .jumpIfEqual(TIOCLINUX, refuse, allow);

        program.place(allow).ret(RET_ALLOW);
        program.place(refuse).ret(RET_ERRNO | EPERM);
        program.place(noSuchCall).ret(RET_ERRNO | ENOSYS);
        program.place(kill).ret(RET_KILL_PROCESS);
        return program.assemble();
    }

    private static int number(String name, int column) {
        return NUMBERS.get(name)[column];
    }

    private static Map<String, int[]> numbers(String... rows) {
        Map<String, int[]> map = new LinkedHashMap<>();
        for (String row : rows) {
            String[] parts = row.split(" ");
            map.put(parts[0], new int[] {parse(parts[1]), parse(parts[2])});
        }
        return map;
    }

    private static int parse(String number) {
        return number.equals("-") ? -1 : Integer.parseInt(number);
    }
}
