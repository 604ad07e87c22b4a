package io.coderunner.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coderunner.engine.Limits;
import io.coderunner.engine.ProcessSpec;
import io.coderunner.engine.Resident;
import io.coderunner.engine.SandboxException;
import io.coderunner.engine.cgroup.RunCgroup;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The engine's side of the agent protocol against an agent that lies: real processes that write
 * frames of their own making where the agent's would be.
 */
class AgentResidentTests {

    /** A group that holds nothing: the fake agent is an ordinary child of the test's JVM. */
    private static final class NoGroup implements RunCgroup {
        @Override public void apply(Limits limits) { }
        @Override public List<Path> procsFiles() { return List.of(); }
        @Override public long cpuTimeNanos() { return 0; }
        @Override public long peakMemoryBytes() { return 0; }
        @Override public boolean oomKilled() { return false; }
        @Override public void killAll() { }
        @Override public boolean empty() { return true; }
        @Override public void close() { }
    }

    private static final String READY = "\\100\\0\\0\\0\\0\\0\\0\\0\\0";

    /** An "agent" that says it is ready and then writes {@code then} (printf escapes), then waits. */
    private static AgentResident agent(String then, AtomicBoolean released) throws IOException {
        Process process = new ProcessBuilder("/bin/sh", "-c", "printf '" + READY + "'; printf '" + then + "'; exec sleep 60").start();
        AgentResident resident = new AgentResident(process, new NoGroup(), () -> released.set(true));
        resident.awaitReady(Duration.ofSeconds(10));
        return resident;
    }

    @Test
    void anOversizedFrameEndsTheSandboxAndNothingElse() throws Exception {
        AtomicBoolean released = new AtomicBoolean();
        // STDOUT for channel 1 claiming 4 GiB.
        AgentResident resident = agent("\\102\\0\\0\\0\\1\\377\\377\\377\\377", released);
        assertThat(resident.ended()).succeedsWithin(Duration.ofSeconds(10));
        assertThat(released).isTrue();
        assertThatThrownBy(() -> resident.spawn(new ProcessSpec(List.of("true"), null, null, null), null))
                .isInstanceOf(SandboxException.class);
    }

    @Test
    void anUnknownTypeOrBadJsonEndsTheSandbox() throws Exception {
        AgentResident unknown = agent("\\7\\0\\0\\0\\0\\0\\0\\0\\0", new AtomicBoolean());
        assertThat(unknown.ended()).succeedsWithin(Duration.ofSeconds(10));

        // A process is started, and its exit comes with a payload that is no JSON: the process is
        // reported killed with the sandbox, not left waiting.
        AtomicBoolean released = new AtomicBoolean();
        Process process = new ProcessBuilder("/bin/sh", "-c", "printf '" + READY + "'; sleep 1; printf '\\104\\0\\0\\0\\1\\0\\0\\0\\3{{{'; exec sleep 60").start();
        AgentResident resident = new AgentResident(process, new NoGroup(), () -> released.set(true));
        resident.awaitReady(Duration.ofSeconds(10));
        Resident.ResidentProcess spawned = resident.spawn(new ProcessSpec(List.of("true"), null, null, null), null);
        assertThat(spawned.exited().get(10, TimeUnit.SECONDS)).isEqualTo(AgentResident.KILLED);
        assertThat(resident.ended()).succeedsWithin(Duration.ofSeconds(10));
        assertThat(released).isTrue();
    }

    @Test
    void anAgentThatNeverAnswersIsRefusedWithWhatItSaid() throws Exception {
        Process process = new ProcessBuilder("/bin/sh", "-c", "echo 'bwrap: cannot do that' >&2; exit 1").start();
        AtomicBoolean released = new AtomicBoolean();
        AgentResident resident = new AgentResident(process, new NoGroup(), () -> released.set(true));
        assertThatThrownBy(() -> resident.awaitReady(Duration.ofSeconds(10))).isInstanceOf(SandboxException.class)
                .hasMessageContaining("bwrap: cannot do that");
        assertThat(released).isTrue();
    }

    @Test
    void framesAreReadWithinTheirLimit() throws Exception {
        byte[] cut = {66, 0, 0, 0, 1, 0, 0, 0, 5, 'a', 'b'};
        assertThatThrownBy(() -> AgentFrame.read(new DataInputStream(new ByteArrayInputStream(cut))))
                .isInstanceOf(AgentFrame.ProtocolException.class).hasMessageContaining("cut short");
        byte[] whole = {66, 0, 0, 0, 1, 0, 0, 0, 2, 'a', 'b'};
        AgentFrame frame = AgentFrame.read(new DataInputStream(new ByteArrayInputStream(whole)));
        assertThat(frame.type()).isEqualTo(AgentFrame.STDOUT);
        assertThat(frame.channel()).isEqualTo(1);
        assertThat(frame.payload()).containsExactly('a', 'b');
        assertThat(AgentFrame.read(new DataInputStream(new ByteArrayInputStream(new byte[0])))).isNull();
    }
}
