package io.coderunner.server.sandboxes;

import io.coderunner.engine.ProcessSpec;
import io.coderunner.engine.Resident;
import io.coderunner.server.http.ConflictException;
import io.coderunner.server.http.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A long-lived bash in a sandbox, fed commands on its standard input one after another, so that
 * what a command changes in the shell ({@code cd}, {@code export}, functions) holds for the next.
 * Each command is run by {@code eval} of its text quoted whole, so that a command with a syntax
 * error fails by itself instead of swallowing the lines after it; the shell then prints a line with
 * the command's random marker and exit code on stdout and one with the marker on stderr, which
 * tell where its output ends on each stream. A command is written only when the one before it has
 * ended, so that a command reading its standard input reads what is sent to it, not the next
 * command. When the shell dies the session has ended: the running command ends with the shell's
 * exit code, the waiting ones without one.
 */
public final class ShellSession {

    /** Commands kept per session (finished ones are forgotten oldest first past it, or past the bytes bound). */
    static final int MAX_COMMANDS = 256;
    /** Commands that may wait for their turn at once. */
    static final int MAX_WAITING = 64;
    /** Bytes of logs kept per session, all commands together. */
    static final long MAX_SESSION_LOG_BYTES = 64L * 1024 * 1024;
    private static final int SIGKILL = 9;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String id;
    private final long createdAt;
    private final Map<String, SessionCommand> commands = new LinkedHashMap<>();
    private final ArrayDeque<SessionCommand> waiting = new ArrayDeque<>();
    private final Resident.ResidentProcess shell;
    private SessionCommand running;
    private EndMarkerScanner stdoutScanner;
    private EndMarkerScanner stderrScanner;
    private int nextId = 1;
    private boolean ended;

    private ShellSession(String id, long createdAt, LiveSandbox sandbox) {
        this.id = id;
        this.createdAt = createdAt;
        this.shell = sandbox.spawn(new ProcessSpec(List.of("/usr/bin/bash", "--noprofile", "--norc"), null, Map.of(), null),
                new Resident.ProcessListener() {
                    @Override
                    public void stdout(byte[] data) {
                        read(data, true);
                    }

                    @Override
                    public void stderr(byte[] data) {
                        read(data, false);
                    }
                });
        shell.exited().whenComplete((code, failure) -> shellEnded(failure == null ? code : null));
    }

    /** Starts the session's shell in the sandbox. */
    static ShellSession start(String id, long createdAt, LiveSandbox sandbox) {
        return new ShellSession(id, createdAt, sandbox);
    }

    public String id() {
        return id;
    }

    public long createdAt() {
        return createdAt;
    }

    public synchronized boolean hasEnded() {
        return ended;
    }

    /** The commands kept, oldest first. */
    public synchronized List<SessionCommand> commands() {
        return new ArrayList<>(commands.values());
    }

    public synchronized SessionCommand command(String commandId) {
        SessionCommand command = commands.get(commandId);
        if (command == null) {
            throw new NotFoundException("command " + commandId + " not found in session " + id);
        }
        return command;
    }

    /** Queues a command; it is written to the shell at once when nothing runs, else when its turn comes. */
    public synchronized SessionCommand submit(String commandLine) {
        requireOpen();
        if (waiting.size() >= MAX_WAITING) {
            throw new ConflictException("session " + id + " has " + MAX_WAITING + " commands waiting already: wait for them first");
        }
        byte[] marker = new byte[16];
        RANDOM.nextBytes(marker);
        SessionCommand command = new SessionCommand("cmd-" + nextId++, commandLine, "CR" + HexFormat.of().formatHex(marker));
        commands.put(command.id(), command);
        forgetOld();
        if (running == null) {
            run(command);
        } else {
            waiting.add(command);
        }
        return command;
    }

    /** Bytes for the standard input of the running command (which is the shell's). */
    public void input(String commandId, byte[] data) {
        synchronized (this) {
            SessionCommand command = command(commandId);
            requireOpen();
            if (command != running) {
                throw new ConflictException(command.hasEnded() ? SessionProblems.COMMAND_ALREADY_COMPLETED
                        : SessionProblems.COMMAND_NOT_RUNNING, "command " + commandId
                        + (command.hasEnded() ? " has completed" : " has not started yet") + ": it takes no input",
                        Map.of("command_id", commandId));
            }
        }
        // Outside the lock: a command that does not read leaves the pipe full, and its output must still be taken.
        shell.write(data);
    }

    /** Kills the shell and everything it started. */
    void kill() {
        try {
            shell.signal(SIGKILL);
        } catch (RuntimeException gone) {
            // The sandbox ended already, and the shell with it.
        }
        shellEnded(null);
    }

    private void requireOpen() {
        if (ended) {
            throw new ConflictException(SessionProblems.SESSION_ENDED, "session " + id + " has ended: its shell exited",
                    Map.of("session_id", id));
        }
    }

    private void run(SessionCommand command) {
        running = command;
        stdoutScanner = new EndMarkerScanner(command.marker());
        stderrScanner = new EndMarkerScanner(command.marker());
        // One line, read whole by the shell before any of it runs: the command cannot read the marker lines as its input.
        String script = "eval " + quoted(command.command())
                + "; printf '\\n%s %d\\n' " + command.marker() + " $?; printf '\\n%s\\n' " + command.marker() + " >&2\n";
        shell.write(script.getBytes(StandardCharsets.UTF_8));
    }

    private synchronized void read(byte[] data, boolean out) {
        if (running == null) {
            return; // written between commands, by something a command left running in the background
        }
        EndMarkerScanner scanner = out ? stdoutScanner : stderrScanner;
        byte[] own = scanner.feed(data);
        if (out) {
            running.stdout(own);
        } else {
            running.stderr(own);
        }
        if (stdoutScanner.ended() && stderrScanner.ended()) {
            SessionCommand done = running;
            running = null;
            done.end(exitCode(stdoutScanner.trailer()));
            SessionCommand next = waiting.poll();
            if (next != null) {
                run(next);
            }
        }
    }

    private void shellEnded(Integer code) {
        List<SessionCommand> unfinished = new ArrayList<>();
        SessionCommand last;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            last = running;
            if (last != null) {
                last.stdout(stdoutScanner.rest());
                last.stderr(stderrScanner.rest());
            }
            running = null;
            unfinished.addAll(waiting);
            waiting.clear();
        }
        if (last != null) {
            last.end(code);
        }
        unfinished.forEach(command -> command.end(null));
    }

    /** Forgets the oldest finished commands past the bounds. */
    private void forgetOld() {
        long bytes = commands.values().stream().mapToLong(SessionCommand::logBytes).sum();
        Iterator<SessionCommand> oldest = commands.values().iterator();
        while (oldest.hasNext() && (commands.size() > MAX_COMMANDS || bytes > MAX_SESSION_LOG_BYTES)) {
            SessionCommand command = oldest.next();
            if (command.hasEnded()) {
                bytes -= command.logBytes();
                oldest.remove();
            }
        }
    }

    private static Integer exitCode(String trailer) {
        try {
            return Integer.parseInt(trailer.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The text as one single-quoted shell word. */
    static String quoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
