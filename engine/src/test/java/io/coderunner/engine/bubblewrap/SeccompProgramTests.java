package io.coderunner.engine.bubblewrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coderunner.engine.bubblewrap.ClassicBpf.SeccompData;
import io.coderunner.engine.bubblewrap.SeccompFilter.Architecture;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The seccomp program of each architecture, run by an interpreter on the system calls a program
 * makes: what it refuses, how, and what it lets through. The numbers here are written out from
 * the kernel's tables (arch/x86/entry/syscalls/syscall_64.tbl, include/uapi/asm-generic/unistd.h)
 * on their own, not taken from the filter, so a wrong number in the filter fails a test.
 */
class SeccompProgramTests {

    static final long ALLOW = 0x7fff0000L;
    static final long EPERM = 0x00050000L | 1;
    static final long ENOSYS = 0x00050000L | 38;
    static final long KILL_PROCESS = 0x80000000L;

    private static final long AUDIT_ARCH_X86_64 = 0xC000003EL;
    private static final long AUDIT_ARCH_AARCH64 = 0xC00000B7L;
    private static final long AUDIT_ARCH_I386 = 0x40000003L;
    private static final long AUDIT_ARCH_ARM = 0x40000028L;

    /** A system call's number on x86_64 and on aarch64; -1 where the architecture has no such call. */
    record Call(String name, int x86_64, int aarch64) {
        int on(Architecture arch) {
            return arch == Architecture.X86_64 ? x86_64 : aarch64;
        }
    }

    /** Every call refused with EPERM whatever its arguments. */
    private static final List<Call> REFUSED = List.of(
            new Call("ptrace", 101, 117), new Call("process_vm_readv", 310, 270), new Call("process_vm_writev", 311, 271),
            new Call("mount", 165, 40), new Call("umount2", 166, 39), new Call("pivot_root", 155, 41),
            new Call("move_mount", 429, 429), new Call("open_tree", 428, 428), new Call("fsopen", 430, 430),
            new Call("fsconfig", 431, 431), new Call("fsmount", 432, 432), new Call("fspick", 433, 433),
            new Call("mount_setattr", 442, 442), new Call("unshare", 272, 97), new Call("setns", 308, 268),
            new Call("keyctl", 250, 219), new Call("add_key", 248, 217), new Call("request_key", 249, 218),
            new Call("bpf", 321, 280), new Call("userfaultfd", 323, 282), new Call("perf_event_open", 298, 241),
            new Call("kexec_load", 246, 104), new Call("kexec_file_load", 320, 294), new Call("init_module", 175, 105),
            new Call("finit_module", 313, 273), new Call("delete_module", 176, 106), new Call("reboot", 169, 142),
            new Call("swapon", 167, 224), new Call("swapoff", 168, 225), new Call("syslog", 103, 116),
            new Call("acct", 163, 89), new Call("settimeofday", 164, 170), new Call("clock_settime", 227, 112),
            new Call("clock_adjtime", 305, 266), new Call("adjtimex", 159, 171), new Call("quotactl", 179, 60),
            new Call("quotactl_fd", 443, 443), new Call("lookup_dcookie", 212, 18),
            new Call("open_by_handle_at", 304, 265), new Call("name_to_handle_at", 303, 264),
            new Call("fanotify_init", 300, 262), new Call("kcmp", 312, 272), new Call("iopl", 172, -1),
            new Call("ioperm", 173, -1), new Call("uselib", 134, -1), new Call("vhangup", 153, 58),
            new Call("io_uring_setup", 425, 425), new Call("io_uring_enter", 426, 426),
            new Call("io_uring_register", 427, 427), new Call("pidfd_getfd", 438, 438));

    /** Calls every program makes, allowed whatever their arguments. */
    private static final List<Call> ORDINARY = List.of(
            new Call("read", 0, 63), new Call("write", 1, 64), new Call("openat", 257, 56), new Call("close", 3, 57),
            new Call("execve", 59, 221), new Call("mmap", 9, 222), new Call("brk", 12, 214), new Call("futex", 202, 98),
            new Call("wait4", 61, 260), new Call("exit_group", 231, 94), new Call("socket", 41, 198),
            new Call("prctl", 157, 167), new Call("kill", 62, 129), new Call("getpid", 39, 172),
            new Call("rt_sigaction", 13, 134), new Call("getppid", 110, 173));

    private static final Call CLONE = new Call("clone", 56, 220);
    private static final Call CLONE3 = new Call("clone3", 435, 435);
    private static final Call PERSONALITY = new Call("personality", 135, 92);
    private static final Call IOCTL = new Call("ioctl", 16, 29);

    private static final long SIGCHLD = 17;
    /** What glibc's fork() passes. */
    private static final long FORK_FLAGS = 0x01000000L | 0x00200000L | SIGCHLD;
    /** What glibc's pthread_create() passes: VM, FS, FILES, SIGHAND, THREAD, SYSVSEM, SETTLS, PARENT_SETTID, CHILD_CLEARTID. */
    private static final long THREAD_FLAGS = 0x3d0f00L;
    private static final long[] NAMESPACE_FLAGS = {
        0x00020000L, // CLONE_NEWNS
        0x02000000L, // CLONE_NEWCGROUP
        0x04000000L, // CLONE_NEWUTS
        0x08000000L, // CLONE_NEWIPC
        0x10000000L, // CLONE_NEWUSER
        0x20000000L, // CLONE_NEWPID
        0x40000000L, // CLONE_NEWNET
    };

    private static ClassicBpf program(Architecture arch) {
        return ClassicBpf.load(SeccompFilter.compile(arch));
    }

    private static long auditArch(Architecture arch) {
        return arch == Architecture.X86_64 ? AUDIT_ARCH_X86_64 : AUDIT_ARCH_AARCH64;
    }

    /** What the program answers to this call, made natively on {@code arch}. */
    private static long call(Architecture arch, int nr, long... args) {
        return program(arch).run(new SeccompData(nr, auditArch(arch), 0x401000L, args));
    }

    private static Stream<Arguments> onEachArchitecture(List<Call> calls) {
        List<Arguments> cases = new ArrayList<>();
        for (Architecture arch : Architecture.values()) {
            for (Call call : calls) {
                if (call.on(arch) >= 0) {
                    cases.add(Arguments.of(arch, call.name(), call.on(arch)));
                }
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> refusedCalls() {
        return onEachArchitecture(REFUSED);
    }

    static Stream<Arguments> ordinaryCalls() {
        return onEachArchitecture(ORDINARY);
    }

    @ParameterizedTest(name = "{0}: every jump lands inside the program")
    @EnumSource(Architecture.class)
    void everyJumpLandsInsideTheProgramAndItEndsInAReturn(Architecture arch) {
        // load() refuses otherwise; the size is the kernel's other limit.
        assertThat(program(arch).size()).isBetween(10, 4096);
    }

    @ParameterizedTest(name = "{0}: {1} ({2}) refused")
    @MethodSource("refusedCalls")
    void dangerousCallsAreRefusedWithEperm(Architecture arch, String name, int nr) {
        assertThat(call(arch, nr)).as(name).isEqualTo(EPERM);
        assertThat(call(arch, nr, 0xffffffffL, -1, 1, 2, 3, 4)).as(name + " with other arguments").isEqualTo(EPERM);
    }

    @ParameterizedTest(name = "{0}: {1} ({2}) allowed")
    @MethodSource("ordinaryCalls")
    void ordinaryCallsAreAllowed(Architecture arch, String name, int nr) {
        assertThat(call(arch, nr)).as(name).isEqualTo(ALLOW);
        assertThat(call(arch, nr, 0x5412, 0x5412, 0x10000000L)).as(name + " with arguments that would matter elsewhere")
                .isEqualTo(ALLOW);
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void forkAndThreadsAreAllowedButNoCloneIntoANewNamespace(Architecture arch) {
        int clone = CLONE.on(arch);
        assertThat(call(arch, clone, FORK_FLAGS)).isEqualTo(ALLOW);
        assertThat(call(arch, clone, THREAD_FLAGS)).isEqualTo(ALLOW);
        for (long flag : NAMESPACE_FLAGS) {
            assertThat(call(arch, clone, flag | SIGCHLD)).as("clone with 0x%x", flag).isEqualTo(EPERM);
            assertThat(call(arch, clone, flag | THREAD_FLAGS)).as("thread with 0x%x", flag).isEqualTo(EPERM);
        }
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void unshareIsRefusedWhateverItAsksFor(Architecture arch) {
        int unshare = REFUSED.stream().filter(c -> c.name().equals("unshare")).findFirst().orElseThrow().on(arch);
        assertThat(call(arch, unshare, 0)).isEqualTo(EPERM);
        assertThat(call(arch, unshare, 0x00000400L)).as("CLONE_FILES, no namespace").isEqualTo(EPERM);
        for (long flag : NAMESPACE_FLAGS) {
            assertThat(call(arch, unshare, flag)).isEqualTo(EPERM);
        }
    }

    /** clone3's flags are in memory the filter cannot read: ENOSYS makes libc fall back to clone. */
    @ParameterizedTest
    @EnumSource(Architecture.class)
    void clone3IsNotThereSoThatLibcUsesClone(Architecture arch) {
        assertThat(call(arch, CLONE3.on(arch), 0x7ffc0000L, 88)).isEqualTo(ENOSYS);
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void personalityMaySetOnlyTheHarmlessValues(Architecture arch) {
        int personality = PERSONALITY.on(arch);
        for (long harmless : new long[] {0x0, 0x8, 0x20000, 0x20008, 0xffffffffL}) {
            assertThat(call(arch, personality, harmless)).as("personality(0x%x)", harmless).isEqualTo(ALLOW);
        }
        // ADDR_NO_RANDOMIZE, READ_IMPLIES_EXEC, ADDR_COMPAT_LAYOUT, PER_SVR4.
        for (long dangerous : new long[] {0x0040000, 0x0400000, 0x0200000, 0x04100001L}) {
            assertThat(call(arch, personality, dangerous)).as("personality(0x%x)", dangerous).isEqualTo(EPERM);
        }
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void noIoctlFakesTerminalInputAndTheOthersWork(Architecture arch) {
        int ioctl = IOCTL.on(arch);
        assertThat(call(arch, ioctl, 0, 0x5412)).as("TIOCSTI").isEqualTo(EPERM);
        assertThat(call(arch, ioctl, 0, 0x541C)).as("TIOCLINUX").isEqualTo(EPERM);
        assertThat(call(arch, ioctl, 0, 0x5401)).as("TCGETS").isEqualTo(ALLOW);
        assertThat(call(arch, ioctl, 1, 0x5413)).as("TIOCGWINSZ").isEqualTo(ALLOW);
        assertThat(call(arch, ioctl, 3, 0x541B)).as("FIONREAD").isEqualTo(ALLOW);
        assertThat(call(arch, ioctl, 0x5412, 0x5401)).as("the request is the second argument").isEqualTo(ALLOW);
    }

    @Test
    void theX32AbiIsRefusedOnX86_64EvenForOrdinaryCalls() {
        long x32 = 0x40000000L;
        for (Call ordinary : ORDINARY) {
            assertThat(call(Architecture.X86_64, (int) (x32 | ordinary.x86_64()))).as("x32 " + ordinary.name()).isEqualTo(EPERM);
        }
        assertThat(call(Architecture.X86_64, (int) (x32 | 512))).as("x32 rt_sigaction").isEqualTo(EPERM);
    }

    /** Numbers of x86_64-only calls mean other calls on aarch64: the filter must not refuse those. */
    @Test
    void aarch64IsJudgedByItsOwnNumbers() {
        assertThat(call(Architecture.AARCH64, 172)).as("getpid, iopl's number on x86_64").isEqualTo(ALLOW);
        assertThat(call(Architecture.AARCH64, 173)).as("getppid, ioperm's number on x86_64").isEqualTo(ALLOW);
        assertThat(call(Architecture.AARCH64, 134)).as("rt_sigaction, uselib's number on x86_64").isEqualTo(ALLOW);
        assertThat(call(Architecture.AARCH64, 101)).as("nanosleep, ptrace's number on x86_64").isEqualTo(ALLOW);
        assertThat(call(Architecture.X86_64, 117)).as("setresuid, ptrace's number on aarch64").isEqualTo(ALLOW);
    }

    /** A call made through another architecture's entry (int 0x80, a 32-bit ARM binary) kills the process. */
    @ParameterizedTest
    @EnumSource(Architecture.class)
    void aCallOfAnotherArchitectureKillsTheProcess(Architecture arch) {
        ClassicBpf program = program(arch);
        List<Long> others = new ArrayList<>(List.of(AUDIT_ARCH_X86_64, AUDIT_ARCH_AARCH64, AUDIT_ARCH_I386, AUDIT_ARCH_ARM));
        others.remove(Long.valueOf(auditArch(arch)));
        for (long other : others) {
            for (int nr : new int[] {0, 1, 39, 63, 172}) {
                assertThat(program.run(new SeccompData(nr, other, 0))).as("arch 0x%x call %d", other, nr).isEqualTo(KILL_PROCESS);
            }
        }
    }

    @Test
    void theInterpreterRefusesAJumpPastTheEnd() {
        byte[] program = SeccompFilter.compile(Architecture.X86_64);
        // The arch check's jump when it does not match (jf, the fourth byte of the second
        // instruction) made to land just past the last instruction: 2 + jf == the program's length.
        int instructions = program.length / 8;
        program[8 + 3] = (byte) (instructions - 2);

        assertThatThrownBy(() -> ClassicBpf.load(program)).hasMessageContaining("past the program");
    }
}
