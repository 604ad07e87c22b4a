package io.coderunner.server.sandboxes;

import io.coderunner.engine.files.HostileTree;
import io.coderunner.server.system.CodeRunnerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Where this host keeps a sandbox's files: {@code sandboxes/<id>/home/} in the data directory (the
 * sandbox's /home/user), or {@code sandboxes/<id>/home.tar.gz} once it is archived. The sandbox's
 * folder lets others pass (the sandbox's own uid must reach its home) but not read.
 */
@Component
class SandboxStorage {

    static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final Path root;

    SandboxStorage(CodeRunnerSettings settings) {
        this.root = settings.dataDir().toAbsolutePath().resolve("sandboxes");
    }

    Path dir(String id) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a sandbox id: " + id);
        }
        return root.resolve(id);
    }

    Path home(String id) {
        return dir(id).resolve("home");
    }

    Path archiveFile(String id) {
        return dir(id).resolve("home.tar.gz");
    }

    void create(String id) {
        try {
            Files.createDirectories(root);
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
            Path dir = Files.createDirectory(dir(id));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
            Path home = Files.createDirectory(home(id));
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the sandbox's directory: " + e.getMessage(), e);
        }
    }

    /**
     * Packs the home into one gzip-compressed tar and removes the home. Done by tar, which stores
     * links as links and follows none; the sandbox is stopped, so nothing changes the tree meanwhile.
     */
    void archive(String id) {
        Path home = home(id);
        Path archive = archiveFile(id);
        Path partial = dir(id).resolve("home.tar.gz.partial");
        tar(List.of("tar", "--create", "--gzip", "--numeric-owner", "--file", partial.toString(), "--directory", home.toString(), "."));
        try {
            Files.move(partial, archive, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the sandbox's archive: " + e.getMessage(), e);
        }
        HostileTree.delete(home);
    }

    /** Unpacks the archive into a new home and removes the archive. */
    void restore(String id) {
        Path home = home(id);
        Path archive = archiveFile(id);
        try {
            if (Files.exists(home, LinkOption.NOFOLLOW_LINKS)) {
                HostileTree.delete(home);
            }
            Files.createDirectory(home);
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the sandbox's home: " + e.getMessage(), e);
        }
        // The archive was made by this server from a real tree, so no entry leads through a link it holds;
        // --no-same-owner keeps every file the server's until the sandbox's uid is lent the home at start.
        tar(List.of("tar", "--extract", "--gzip", "--no-same-owner", "--no-overwrite-dir", "--file", archive.toString(),
                "--directory", home.toString()));
        try {
            Files.delete(archive);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the sandbox's archive: " + e.getMessage(), e);
        }
    }

    void destroy(String id) {
        Path dir = dir(id);
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            HostileTree.delete(dir);
        }
    }

    long diskBytes(String id) {
        try {
            if (Files.exists(archiveFile(id), LinkOption.NOFOLLOW_LINKS)) {
                return Files.size(archiveFile(id));
            }
            return Files.isDirectory(home(id), LinkOption.NOFOLLOW_LINKS) ? HostileTree.size(home(id)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    boolean archived(String id) {
        return Files.exists(archiveFile(id), LinkOption.NOFOLLOW_LINKS);
    }

    private static void tar(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("tar failed: " + new String(output, java.nio.charset.StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run tar: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running tar", e);
        }
    }
}
