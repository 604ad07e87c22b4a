package io.coderunner.engine.bubblewrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeccompFilterTests {

    @Test
    void programsAreWholeInstructionsWithinTheKernelsLimit() {
        for (SeccompFilter.Architecture arch : SeccompFilter.Architecture.values()) {
            byte[] program = SeccompFilter.compile(arch);
            assertThat(program.length % 8).isZero();
            assertThat(program.length / 8).isBetween(10, 4096);
        }
    }

    /** Each refused call, tried from inside a real sandbox by a program that calls libc directly. */
    @Test
    void refusesDangerousCallsAndAllowsOrdinaryOnes(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/bwrap")), "bubblewrap is not installed");
        assumeTrue(SeccompFilter.hostArchitecture() == SeccompFilter.Architecture.X86_64, "the probe uses x86_64 numbers");
        Path filter = SeccompFilter.writeTo(dir);
        String probe = String.join("\n",
                "import ctypes, os, threading",
                "libc = ctypes.CDLL(None, use_errno=True)",
                "def call(name, nr, *args):",
                "    r = libc.syscall(nr, *[ctypes.c_long(a) for a in args])",
                "    print(name, 'ok' if r >= 0 else 'errno=%d' % ctypes.get_errno())",
                "call('ptrace', 101, 0, 0, 0, 0)",
                "call('unshare_user', 272, 0x10000000)",
                "call('keyctl', 250, 0, 0, 0, 0)",
                "call('bpf', 321, 0, 0, 0)",
                "call('perf_event_open', 298, 0, 0, -1, -1, 0)",
                "call('mount', 165, 0, 0, 0, 0, 0)",
                "call('clone3', 435, 0, 0)",
                "call('clone_newuser', 56, 0x10000000 | 17, 0, 0, 0, 0)",
                "call('ioctl_tiocsti', 16, 0, 0x5412, 0)",
                "call('personality_norandom', 135, 0x0040000)",
                "call('x32_getpid', 0x40000000 | 39)",
                "pid = os.fork()",
                "if pid == 0: os._exit(7)",
                "print('fork', 'ok' if os.waitpid(pid, 0)[1] >> 8 == 7 else 'bad')",
                "t = threading.Thread(target=lambda: print('thread ok')); t.start(); t.join()",
                "open('/tmp/f', 'w').write('data'); print('file', open('/tmp/f').read())");
        Process process = new ProcessBuilder("/bin/sh", "-c", "exec /usr/bin/bwrap --unshare-all --die-with-parent --new-session"
                + " --ro-bind /usr /usr --symlink usr/lib /lib --symlink usr/lib64 /lib64 --symlink usr/bin /bin"
                + " --proc /proc --dev /dev --tmpfs /tmp --seccomp 3 /usr/bin/python3 -c \"$0\" 3< \"$1\"",
                probe, filter.toString()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        for (String refused : List.of("ptrace", "unshare_user", "keyctl", "bpf", "perf_event_open", "mount",
                "clone_newuser", "ioctl_tiocsti", "personality_norandom", "x32_getpid")) {
            assertThat(out).as(out).contains(refused + " errno=1\n");
        }
        assertThat(out).contains("clone3 errno=38\n", "fork ok", "thread ok", "file data");
    }

    @Test
    void listsWhatItRefuses() {
        assertThat(SeccompFilter.deniedSyscalls()).contains("ptrace", "mount", "keyctl", "bpf", "userfaultfd",
                "perf_event_open", "unshare", "setns", "io_uring_setup");
    }
}
