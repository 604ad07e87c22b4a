package io.coderunner.server.sandboxes;

import io.coderunner.engine.InvalidRunException;
import io.coderunner.engine.TerminalSpec;
import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.http.ConflictException;
import io.coderunner.server.http.NotFoundException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The terminals of started sandboxes ({@link SandboxPty}), by id, bounded per sandbox. A terminal
 * is forgotten when its shell exits; all of a sandbox's end when it stops.
 */
@Component
public class SandboxTerminals {

    /** Terminals one sandbox runs at once. */
    static final int MAX_TERMINALS = 16;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Map<String, Started> sandboxes = new ConcurrentHashMap<>();

    SandboxTerminals(Clock clock) {
        this.clock = clock;
    }

    /**
     * Starts a terminal in the sandbox.
     *
     * @param id   its name, or null for a new random one
     * @param cwd  where its shell starts (absolute, inside the sandbox), or null for the home
     * @param envs variables added to the sandbox's own
     */
    public SandboxPty create(LiveSandbox sandbox, String id, int cols, int rows, String cwd, Map<String, String> envs) {
        String name = id == null || id.isEmpty() ? "pty-" + HexFormat.of().formatHex(randomBytes()) : id;
        if (!ID.matcher(name).matches()) {
            throw new BadRequestException("a terminal's id must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit; was "
                    + name);
        }
        requireSize(cols, rows);
        if (cwd != null && !cwd.isEmpty() && !cwd.startsWith("/")) {
            throw new BadRequestException("cwd must be an absolute path inside the sandbox, was " + cwd);
        }
        Map<String, String> variables = SandboxService.variables(envs);
        Started started = of(sandbox);
        synchronized (started) {
            if (started.terminals.containsKey(name)) {
                throw new ConflictException("a terminal " + name + " runs already");
            }
            if (started.terminals.size() >= MAX_TERMINALS) {
                throw new ConflictException("a sandbox runs at most " + MAX_TERMINALS + " terminals at once: close one first");
            }
            SandboxPty pty = new SandboxPty(sandbox, name, cols, rows, cwd == null || cwd.isEmpty() ? null : cwd, variables,
                    clock.millis(), exited -> forget(started, exited));
            if (pty.active()) {
                started.terminals.put(name, pty);
            }
            return pty;
        }
    }

    public List<SandboxPty> list(LiveSandbox sandbox) {
        Started started = of(sandbox);
        synchronized (started) {
            return new ArrayList<>(started.terminals.values());
        }
    }

    public SandboxPty get(LiveSandbox sandbox, String id) {
        Started started = of(sandbox);
        synchronized (started) {
            SandboxPty pty = started.terminals.get(id);
            if (pty == null) {
                throw new NotFoundException("terminal " + id + " not found");
            }
            return pty;
        }
    }

    /** Kills the terminal's shell (it is forgotten as it exits). */
    public void kill(LiveSandbox sandbox, String id) {
        get(sandbox, id).kill();
    }

    static void requireSize(int cols, int rows) {
        try {
            TerminalSpec.requireSize(cols, rows);
        } catch (InvalidRunException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    private void forget(Started started, SandboxPty pty) {
        synchronized (started) {
            started.terminals.remove(pty.id(), pty);
        }
    }

    private Started of(LiveSandbox sandbox) {
        Started started = sandboxes.compute(sandbox.id(), (key, known) ->
                known != null && known.sandbox == sandbox ? known : new Started(sandbox));
        if (started.watching.compareAndSet(false, true)) {
            sandbox.ended().whenComplete((done, failure) -> {
                sandboxes.remove(started.sandbox.id(), started);
                list(started).forEach(SandboxPty::kill);
            });
        }
        return started;
    }

    private static List<SandboxPty> list(Started started) {
        synchronized (started) {
            return new ArrayList<>(started.terminals.values());
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static final class Started {
        final LiveSandbox sandbox;
        final Map<String, SandboxPty> terminals = new LinkedHashMap<>();
        final AtomicBoolean watching = new AtomicBoolean();

        Started(LiveSandbox sandbox) {
            this.sandbox = sandbox;
        }
    }
}
