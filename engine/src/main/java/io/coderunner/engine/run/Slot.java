package io.coderunner.engine.run;

import io.coderunner.engine.SandboxException;
import io.coderunner.engine.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * One place a run can happen: a work directory, a directory for the engine's own files of the
 * run, and (when the engine runs as root) an unprivileged uid of its own, so that two runs never
 * share a uid, a directory or a control group.
 */
final class Slot {

    private final int index;
    private final Integer uid;
    private final Path workDir;
    private final Path stateDir;
    private final SlotDisk disk;
    private PreparedStage prepared;

    Slot(int index, Integer uid, Path root, SlotDisk disk) {
        this.index = index;
        this.uid = uid;
        this.workDir = root.resolve("slot-" + index).resolve("work");
        this.stateDir = root.resolve("slot-" + index).resolve("state");
        this.disk = disk;
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(stateDir);
            // The control directory: the engine writes the stage script here; the sandbox may only read it.
            Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString(uid == null ? "rwx------" : "r-x------"));
            giveToSandbox(stateDir);
        } catch (IOException e) {
            throw new SandboxException("cannot create sandbox directory " + workDir + ": " + e.getMessage(), e);
        }
    }

    int index() {
        return index;
    }

    Integer uid() {
        return uid;
    }

    Path workDir() {
        return workDir;
    }

    Path stateDir() {
        return stateDir;
    }

    String groupName() {
        return "slot-" + index;
    }

    /** The sandbox started ahead for this slot's next run, if any; the slot no longer holds it. */
    PreparedStage takePrepared() {
        PreparedStage taken = prepared;
        prepared = null;
        return taken;
    }

    void holdPrepared(PreparedStage stage) {
        prepared = stage;
    }

    /** Gives the slot a clean work directory of {@code diskBytes} holding these files. */
    void prepare(List<SourceFile> files, long diskBytes) {
        disk.prepare(workDir, diskBytes, uid);
        try {
            for (SourceFile file : files) {
                Path path = workDir.resolve(file.name());
                Files.writeString(path, file.content(), StandardCharsets.UTF_8);
                giveToSandbox(path);
            }
            giveToSandbox(workDir);
            Files.setPosixFilePermissions(workDir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new SandboxException("cannot write the run's files: " + e.getMessage(), e);
        }
    }

    private void giveToSandbox(Path path) throws IOException {
        if (uid != null) {
            Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** Makes the work directory the size-bounded mount a run of {@code diskBytes} gets, empty. */
    void mountWorkDir(long diskBytes) {
        disk.prepare(workDir, diskBytes, uid);
    }

    /** Empties the work directory; whatever the program wrote is gone. */
    void clean() {
        deleteContents(workDir);
    }

    void close() {
        PreparedStage waiting = takePrepared();
        if (waiting != null) {
            waiting.discard();
        }
        clean();
        disk.release(workDir);
    }

    static void deleteContents(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                    // A program may have taken its own permissions away; the owner can give them back.
                    if (!d.equals(dir)) {
                        try {
                            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
                        } catch (IOException ignored) {
                            // Deleting will tell us if this mattered.
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (!d.equals(dir)) {
                        Files.deleteIfExists(d);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new SandboxException("cannot clean sandbox directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
