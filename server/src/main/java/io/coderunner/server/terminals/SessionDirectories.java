package io.coderunner.server.terminals;

import io.coderunner.engine.files.HostileTree;
import io.coderunner.server.system.CodeRunnerSettings;
import io.coderunner.server.workspaces.Workspaces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Where a session keeps things: {@code terminals/<id>/} in the data directory holds its terminal
 * log and, unless it works in a workspace project, its files ({@code work/}). The session's
 * directory lets others pass (the sandbox's unprivileged uid must reach {@code work/}) but not
 * read; the log is the server's alone.
 */
@Component
class SessionDirectories {

    private static final Pattern SESSION_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final Path root;
    private final Workspaces workspaces;

    SessionDirectories(CodeRunnerSettings settings, Workspaces workspaces) {
        this.root = settings.dataDir().toAbsolutePath().resolve("terminals");
        this.workspaces = workspaces;
    }

    Path sessionDir(String id) {
        return root.resolve(id);
    }

    Path logFile(String id) {
        return sessionDir(id).resolve("terminal.log");
    }

    /** Makes the session's directory, and its own work directory when it has no project. */
    Path create(String id, Path projectDir) {
        try {
            Files.createDirectories(root);
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
            Path dir = Files.createDirectory(sessionDir(id));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
            if (projectDir != null) {
                return projectDir;
            }
            Path work = Files.createDirectory(dir.resolve("work"));
            Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx------"));
            return work;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the session's directory: " + e.getMessage(), e);
        }
    }

    /** The session's files: its project's directory, or its own; empty when the project is gone. */
    Optional<Path> workDir(SessionStore.Session session) {
        if (session.project() != null) {
            return workspaces.projectDirectory(session.userId(), session.project());
        }
        Path work = sessionDir(session.id()).resolve("work");
        return Files.isDirectory(work, LinkOption.NOFOLLOW_LINKS) ? Optional.of(work) : Optional.empty();
    }

    /** What a client is told the session works in: never a host path. */
    static String describe(SessionStore.Session session) {
        return session.project() != null ? "workspace/projects/" + session.project() : "sessions/" + session.id();
    }

    /** Removes the session's own directory (log, and its files unless they are a project's). */
    void delete(String id) {
        deleteTree(sessionDir(id));
    }

    /** The ids of the sessions that have a directory (names of the form a session id has). */
    List<String> ids() {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try {
            return HostileTree.children(root, List.of()).stream().map(HostileTree.Child::name)
                    .filter(name -> SESSION_ID.matcher(name).matches()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void deleteTree(Path dir) {
        HostileTree.delete(dir);
    }
}
