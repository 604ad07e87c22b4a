package io.coderunner.server.sandboxes;

import io.coderunner.engine.ProcessSpec;
import io.coderunner.engine.Resident;
import io.coderunner.engine.SandboxException;
import io.coderunner.server.http.BadRequestException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs one process in a started sandbox to its end, keeping a bounded amount of its output. */
final class ProcessRunner {

    /** Output kept of one process, each stream and both together; the rest is counted as truncated. */
    static final int MAX_OUTPUT_BYTES = 4 * 1024 * 1024;
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    static final Duration MAX_TIMEOUT = Duration.ofHours(1);
    private static final int SIGKILL = 9;

    private ProcessRunner() {
    }

    static Duration timeout(Integer seconds) {
        if (seconds == null || seconds == 0) {
            return DEFAULT_TIMEOUT;
        }
        if (seconds < 0 || seconds > MAX_TIMEOUT.toSeconds()) {
            throw new BadRequestException("timeout must be 1 to " + MAX_TIMEOUT.toSeconds() + " seconds, was " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    static ExecResult run(LiveSandbox sandbox, ProcessSpec spec, Duration timeout) {
        return run(sandbox, spec, new byte[0], timeout);
    }

    /** @param stdin what the process reads on its standard input, which is closed after it */
    static ExecResult run(LiveSandbox sandbox, ProcessSpec spec, byte[] stdin, Duration timeout) {
        Collected output = new Collected();
        Resident.ResidentProcess process = sandbox.spawn(spec, output);
        if (stdin.length > 0) {
            process.write(stdin);
        }
        process.closeStdin();
        boolean timedOut = false;
        int exitCode;
        try {
            try {
                exitCode = process.exited().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                timedOut = true;
                process.signal(SIGKILL);
                exitCode = process.exited().get(10, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SandboxException failure) {
                throw new BadRequestException("cannot run " + spec.argv().get(0) + ": " + failure.getMessage());
            }
            throw new IllegalStateException("the process could not be followed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the process did not end after it was killed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.signal(SIGKILL);
            throw new IllegalStateException("interrupted while a process ran");
        }
        return output.result(exitCode, timedOut);
    }

    /** Both streams apart and together, each up to the bound. */
    private static final class Collected implements Resident.ProcessListener {
        private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        private final ByteArrayOutputStream both = new ByteArrayOutputStream();
        private boolean truncated;

        @Override
        public synchronized void stdout(byte[] data) {
            keep(stdout, data);
            keep(both, data);
        }

        @Override
        public synchronized void stderr(byte[] data) {
            keep(stderr, data);
            keep(both, data);
        }

        private void keep(ByteArrayOutputStream into, byte[] data) {
            int room = MAX_OUTPUT_BYTES - into.size();
            if (data.length > room) {
                truncated = true;
            }
            into.write(data, 0, Math.max(0, Math.min(room, data.length)));
        }

        synchronized ExecResult result(int exitCode, boolean timedOut) {
            return new ExecResult(exitCode, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8),
                    both.toString(StandardCharsets.UTF_8), timedOut, truncated);
        }
    }
}
