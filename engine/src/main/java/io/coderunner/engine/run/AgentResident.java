package io.coderunner.engine.run;

import io.coderunner.engine.ProcessSpec;
import io.coderunner.engine.Resident;
import io.coderunner.engine.SandboxException;
import io.coderunner.engine.cgroup.RunCgroup;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A resident sandbox seen from the engine: its agent (see resident-agent.py) runs as the sandbox's
 * first process, and this side speaks {@link AgentFrame}s to it over the agent's stdin and stdout.
 * One platform thread reads the agent's frames and hands them on, in order, to the processes'
 * and tunnels' listeners; another keeps the last few kilobytes of its stderr (bubblewrap's own
 * errors), for the message when the sandbox cannot start. Everything the agent says is untrusted:
 * a frame outside the protocol ends the sandbox, which hurts no one but its own processes.
 */
final class AgentResident implements Resident {

    private static final Logger log = LoggerFactory.getLogger(AgentResident.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** How much of the agent's stderr is kept, for the message when it fails to start. */
    private static final int STDERR_TAIL = 4096;
    /** Longest text from the agent passed on in a message (a failure's reason). */
    private static final int MESSAGE_CHARS = 500;
    /** What a process still running when the sandbox ends is reported to have exited with: SIGKILL's. */
    static final int KILLED = 128 + 9;

    private final Process agent;
    private final RunCgroup cgroup;
    private final Runnable release;
    private final OutputStream toAgent;
    private final Map<Integer, Spawned> processes = new ConcurrentHashMap<>();
    private final Map<Integer, AgentTunnel> tunnels = new ConcurrentHashMap<>();
    private final AtomicInteger channels = new AtomicInteger();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final StringBuilder stderrTail = new StringBuilder();
    private final Thread stderrReader;

    /** @param release gives back what the sandbox held (its directories, uid and names) once nothing of it runs */
    AgentResident(Process agent, RunCgroup cgroup, Runnable release) {
        this.agent = agent;
        this.cgroup = cgroup;
        this.release = release;
        this.toAgent = agent.getOutputStream();
        // The stderr reader first: the frame reader waits for it when the agent ends before it is ready.
        this.stderrReader = EngineThreads.start("resident-stderr-" + agent.pid(), () -> keepTail(agent.getErrorStream()));
        EngineThreads.start("resident-" + agent.pid(), () -> read(agent.getInputStream()));
    }

    /** Waits for the agent's first word; closes the sandbox and throws when it does not come. */
    void awaitReady(Duration timeout) {
        try {
            ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            String reason = startFailure();
            close();
            throw new SandboxException("the sandbox did not start" + reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new SandboxException("interrupted while starting the sandbox");
        }
    }

    private String startFailure() {
        awaitStderr();
        synchronized (stderrTail) {
            String text = stderrTail.toString().strip();
            return text.isEmpty() ? "" : ": " + text;
        }
    }

    /** Waits a moment for the agent's stderr to end, which it does when the agent has. */
    private void awaitStderr() {
        try {
            stderrReader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public ResidentProcess spawn(ProcessSpec spec, ProcessListener listener) {
        int channel = nextChannel();
        Spawned process = new Spawned(channel, spec.argv().get(0), listener);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("argv", spec.argv());
        request.put("cwd", spec.cwd());
        request.put("env", spec.env());
        request.put("pty", spec.pty() == null ? null : Map.of("cols", spec.pty().cols(), "rows", spec.pty().rows()));
        processes.put(channel, process);
        if (!send(new AgentFrame(AgentFrame.SPAWN, channel, json(request)))) {
            processes.remove(channel);
            throw new SandboxException("the sandbox has ended");
        }
        return process;
    }

    @Override
    public Tunnel connect(int port, TunnelListener listener) {
        if (port < 1 || port > 65535) {
            throw new io.coderunner.engine.InvalidRunException("not a TCP port: " + port);
        }
        int channel = nextChannel();
        AgentTunnel tunnel = new AgentTunnel(channel, listener);
        tunnels.put(channel, tunnel);
        if (!send(new AgentFrame(AgentFrame.CONNECT, channel, json(Map.of("port", port))))) {
            tunnels.remove(channel);
            throw new SandboxException("the sandbox has ended");
        }
        return tunnel;
    }

    private int nextChannel() {
        if (closed.get()) {
            throw new SandboxException("the sandbox has ended");
        }
        // Channel 0 is the sandbox's own; numbers are never reused within one sandbox.
        return channels.incrementAndGet();
    }

    @Override
    public CompletableFuture<Void> ended() {
        return ended;
    }

    @Override
    public long memoryBytes() {
        return cgroup.memoryBytes();
    }

    /**
     * Writes a frame; false when the agent is gone. A long payload goes as several frames. The
     * caller waits while the agent's pipe is full: the agent reads the engine's frames whenever they
     * come (it buffers what a process does not read yet), so only a stopped agent makes it wait, and
     * closing the sandbox ends that wait.
     */
    private boolean send(AgentFrame frame) {
        if (closed.get()) {
            return false;
        }
        try {
            synchronized (toAgent) {
                frame.writeTo(toAgent);
                toAgent.flush();
            }
            return true;
        } catch (IOException e) {
            log.debug("The sandbox's agent is gone: {}", e.getMessage());
            return false;
        }
    }

    private void sendData(int type, int channel, byte[] data) {
        for (int start = 0; start < data.length; start += AgentFrame.MAX_PAYLOAD) {
            int end = Math.min(data.length, start + AgentFrame.MAX_PAYLOAD);
            if (!send(new AgentFrame(type, channel, Arrays.copyOfRange(data, start, end)))) {
                return;
            }
        }
    }

    private void read(InputStream fromAgent) {
        DataInputStream in = new DataInputStream(new BufferedInputStream(fromAgent, 64 * 1024));
        try {
            AgentFrame frame;
            while ((frame = AgentFrame.read(in)) != null) {
                dispatch(frame);
            }
        } catch (AgentFrame.ProtocolException e) {
            log.warn("A sandbox's agent broke the protocol ({}): the sandbox is closed", e.getMessage());
        } catch (IOException e) {
            // The agent's output is closed: the sandbox is ending.
        } catch (RuntimeException e) {
            log.error("Reading a sandbox's agent failed", e);
        } finally {
            if (!ready.isDone()) {
                // Closing closes the agent's stderr too: first keep what it said on the way out.
                awaitStderr();
            }
            close();
        }
    }

    /** Hands one frame on. A frame for a channel the engine does not know (any more) is dropped. */
    private void dispatch(AgentFrame frame) throws AgentFrame.ProtocolException {
        switch (frame.type()) {
            case AgentFrame.READY -> ready.complete(null);
            case AgentFrame.STARTED -> {
                // The process runs; nothing to do until it writes or ends.
            }
            case AgentFrame.STDOUT, AgentFrame.STDERR -> {
                Spawned process = processes.get(frame.channel());
                if (process != null) {
                    process.output(frame.type() == AgentFrame.STDOUT, frame.payload());
                }
            }
            case AgentFrame.EXIT -> {
                // Read before the process is let go: a bad frame ends the sandbox, which reports it killed.
                JsonNode code = parse(frame).get("code");
                if (code == null || !code.isInt()) {
                    throw new AgentFrame.ProtocolException("an exit without a code");
                }
                Spawned process = processes.remove(frame.channel());
                if (process != null) {
                    process.exited.complete(code.asInt());
                }
            }
            case AgentFrame.FAILED -> {
                JsonNode message = parse(frame).get("message");
                String reason = message == null || !message.isString() ? "refused" : bounded(message.asString());
                Spawned process = processes.remove(frame.channel());
                if (process != null) {
                    process.exited.completeExceptionally(new SandboxException(reason));
                }
                AgentTunnel tunnel = tunnels.remove(frame.channel());
                if (tunnel != null) {
                    tunnel.connected.completeExceptionally(new SandboxException(reason));
                    tunnel.closedByPeer();
                }
            }
            case AgentFrame.CONNECTED -> {
                AgentTunnel tunnel = tunnels.get(frame.channel());
                if (tunnel != null) {
                    tunnel.connected.complete(null);
                }
            }
            case AgentFrame.TUNNEL_OUT -> {
                AgentTunnel tunnel = tunnels.get(frame.channel());
                if (tunnel != null) {
                    tunnel.data(frame.payload());
                }
            }
            case AgentFrame.TUNNEL_CLOSED -> {
                AgentTunnel tunnel = tunnels.remove(frame.channel());
                if (tunnel != null) {
                    tunnel.connected.completeExceptionally(new SandboxException("the connection was closed"));
                    tunnel.closedByPeer();
                }
            }
            default -> throw new AgentFrame.ProtocolException("a frame of type " + frame.type() + " from the agent");
        }
    }

    private static JsonNode parse(AgentFrame frame) throws AgentFrame.ProtocolException {
        try {
            JsonNode node = JSON.readTree(frame.payload());
            if (node == null || !node.isObject()) {
                throw new AgentFrame.ProtocolException("a frame of type " + frame.type() + " without a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new AgentFrame.ProtocolException("a frame of type " + frame.type() + " with bad JSON");
        }
    }

    /** Text of the sandbox's own, shortened and stripped of control characters, for a message. */
    private static String bounded(String text) {
        String plain = text.replaceAll("\\p{Cntrl}", " ");
        return plain.length() <= MESSAGE_CHARS ? plain : plain.substring(0, MESSAGE_CHARS) + "...";
    }

    private static byte[] json(Object value) {
        return JSON.writeValueAsBytes(value);
    }

    private void keepTail(InputStream stderr) {
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = stderr.read(buffer)) > 0) {
                synchronized (stderrTail) {
                    stderrTail.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    if (stderrTail.length() > STDERR_TAIL) {
                        stderrTail.delete(0, stderrTail.length() - STDERR_TAIL);
                    }
                }
            }
        } catch (IOException e) {
            // The agent has ended.
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            // The sandbox's init (bwrap's, PID 1 of its namespace) is killed first: the kernel then
            // kills every process of the namespace and the init reaps them as it ends, and the
            // launcher's bwrap, the engine's own child, reaps the init and exits. Killing the whole
            // group at once instead would orphan the init to the host's PID 1, and its zombie, of
            // the sandbox's uid, would last as long as that takes to reap it (in a container, long).
            agent.toHandle().children().forEach(ProcessHandle::destroyForcibly);
            awaitExit();
            // Whatever is left in the group, however it got there.
            cgroup.killAll();
            agent.destroyForcibly();
            awaitExit();
            cgroup.close();
        } finally {
            try {
                release.run();
            } finally {
                ready.completeExceptionally(new SandboxException("the sandbox has ended"));
                for (Integer channel : List.copyOf(processes.keySet())) {
                    Spawned process = processes.remove(channel);
                    if (process != null) {
                        process.exited.complete(KILLED);
                    }
                }
                for (Integer channel : List.copyOf(tunnels.keySet())) {
                    AgentTunnel tunnel = tunnels.remove(channel);
                    if (tunnel != null) {
                        tunnel.connected.completeExceptionally(new SandboxException("the sandbox has ended"));
                        tunnel.closedByPeer();
                    }
                }
                ended.complete(null);
            }
        }
    }

    private void awaitExit() {
        try {
            agent.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Spawned implements ResidentProcess {
        private final int channel;
        private final String program;
        private final ProcessListener listener;
        private final CompletableFuture<Integer> exited = new CompletableFuture<>();

        Spawned(int channel, String program, ProcessListener listener) {
            this.channel = channel;
            this.program = program;
            this.listener = listener;
        }

        void output(boolean stdout, byte[] data) {
            try {
                if (stdout) {
                    listener.stdout(data);
                } else {
                    listener.stderr(data);
                }
            } catch (RuntimeException e) {
                log.warn("A listener of {} in a sandbox failed: {}", program, e.getMessage());
            }
        }

        @Override
        public void write(byte[] data) {
            if (!exited.isDone()) {
                sendData(AgentFrame.STDIN, channel, data);
            }
        }

        @Override
        public void closeStdin() {
            if (!exited.isDone()) {
                send(AgentFrame.of(AgentFrame.EOF, channel));
            }
        }

        @Override
        public void signal(int signal) {
            if (signal < 1 || signal > 64) {
                throw new io.coderunner.engine.InvalidRunException("not a signal: " + signal);
            }
            if (!exited.isDone()) {
                send(new AgentFrame(AgentFrame.SIGNAL, channel, json(Map.of("signal", signal))));
            }
        }

        @Override
        public void resize(int cols, int rows) {
            ProcessSpec.Pty size = new ProcessSpec.Pty(cols, rows);
            if (!exited.isDone()) {
                send(new AgentFrame(AgentFrame.RESIZE, channel, json(Map.of("cols", size.cols(), "rows", size.rows()))));
            }
        }

        @Override
        public CompletableFuture<Integer> exited() {
            return exited;
        }
    }

    private final class AgentTunnel implements Tunnel {
        private final int channel;
        private final TunnelListener listener;
        private final CompletableFuture<Void> connected = new CompletableFuture<>();
        private final AtomicBoolean over = new AtomicBoolean();

        AgentTunnel(int channel, TunnelListener listener) {
            this.channel = channel;
            this.listener = listener;
        }

        void data(byte[] data) {
            try {
                listener.data(data);
            } catch (RuntimeException e) {
                log.warn("A tunnel's listener failed: {}", e.getMessage());
            }
        }

        void closedByPeer() {
            if (over.compareAndSet(false, true)) {
                try {
                    listener.closed();
                } catch (RuntimeException e) {
                    log.warn("A tunnel's listener failed: {}", e.getMessage());
                }
            }
        }

        @Override
        public void write(byte[] data) {
            if (!over.get()) {
                sendData(AgentFrame.TUNNEL_DATA, channel, data);
            }
        }

        @Override
        public CompletableFuture<Void> connected() {
            return connected;
        }

        @Override
        public void close() {
            if (over.compareAndSet(false, true) && tunnels.remove(channel) != null) {
                connected.completeExceptionally(new SandboxException("the tunnel was closed"));
                send(AgentFrame.of(AgentFrame.TUNNEL_CLOSE, channel));
            }
        }
    }
}
