package io.coderunner.server.environments;

import io.coderunner.engine.files.HostileTree;
import io.coderunner.engine.files.TreeCopy;
import io.coderunner.server.system.CodeRunnerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.springframework.stereotype.Component;

/**
 * Where environments live: {@code environments/<id>/g<generation>/} under the data directory, and
 * each environment's log next to its generations. The directories on the way may be passed (not
 * listed) by the sandbox's slot users, who bind an environment by its path.
 */
@Component
class EnvironmentDirectories {

    private static final long MAX_LOG_BYTES = 1024 * 1024;

    private final Path root;

    EnvironmentDirectories(CodeRunnerSettings settings) {
        this.root = settings.dataDir().toAbsolutePath().resolve("environments");
    }

    Path generation(long id, int generation) {
        return environment(id).resolve("g" + generation);
    }

    /** Makes the environment's own directory (passable, not listable, by slot users); returns it. */
    Path prepare(long id) throws IOException {
        passable(root);
        return passable(environment(id));
    }

    private Path environment(long id) {
        return root.resolve(Long.toString(id));
    }

    private static Path passable(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        return dir;
    }

    /**
     * Copies an environment (folders, files, links as links, owners, modes, times) for an install
     * to change, at most {@code maxBytes} of it. The tree is what an install wrote: it is read from
     * opened folders, never through a link and never opening a FIFO ({@link TreeCopy}).
     */
    void copy(Path from, Path to, long maxBytes) throws IOException {
        try {
            TreeCopy.copy(from, to, maxBytes);
        } catch (TreeCopy.CopyTooLargeException | HostileTree.TreeTooLargeException e) {
            throw new IOException("the environment cannot be copied for the change: " + e.getMessage(), e);
        }
    }

    /** Bytes the tree takes (regular files, not following links); 0 when it does not exist. */
    long size(Path dir) {
        return HostileTree.size(dir);
    }

    /** Deletes the tree, never following a link out of it. */
    void delete(Path dir) {
        HostileTree.delete(dir);
    }

    /** Deletes every generation of the environment but {@code keep}. */
    void deleteGenerationsBut(long id, int keep) {
        Path dir = environment(id);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> generations = Files.newDirectoryStream(dir, "g*")) {
            for (Path generation : generations) {
                if (!generation.getFileName().toString().equals("g" + keep)) {
                    delete(generation);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ids of the environments that have a directory. */
    java.util.List<Long> ids() {
        java.util.List<Long> ids = new java.util.ArrayList<>();
        if (!Files.isDirectory(root)) {
            return ids;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.matches("\\d{1,18}")) {
                    ids.add(Long.parseLong(name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }

    void deleteAll(long id) {
        delete(environment(id));
    }

    /** Appends to the environment's log (install, upgrade and uninstall output); one older log is kept. */
    void log(long id, String text) {
        Path log = environment(id).resolve("packages.log");
        try {
            if (Files.exists(log) && Files.size(log) > MAX_LOG_BYTES) {
                Files.move(log, environment(id).resolve("packages.log.1"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Files.writeString(log, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
