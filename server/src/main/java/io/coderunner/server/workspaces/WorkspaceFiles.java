package io.coderunner.server.workspaces;

import io.coderunner.engine.files.HostileTree;
import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.http.ConflictException;
import io.coderunner.server.http.Timestamps;
import io.coderunner.server.system.CodeRunnerSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/** The files of projects on disk: {@code workspaces/<user id>/<project>/} in the data directory. */
@Component
class WorkspaceFiles {

    /** Content read or saved as text through the API is at most this large. */
    static final long MAX_TEXT_BYTES = 2L * 1024 * 1024;

    record Entry(String name, String path, String type, long size, String modifiedAt) {
    }

    private final Path root;

    WorkspaceFiles(CodeRunnerSettings settings) {
        this.root = settings.dataDir().toAbsolutePath().resolve("workspaces");
    }

    Path userRoot(long userId) {
        return root.resolve(Long.toString(userId));
    }

    Path projectRoot(long userId, String project) {
        return userRoot(userId).resolve(project);
    }

    void createProject(long userId, String project) {
        try {
            Files.createDirectories(projectRoot(userId, project));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void deleteTree(Path path) {
        HostileTree.delete(path);
    }

    /**
     * The entries of a folder. Runs and terminal sessions may change a project's files while the
     * server reads or writes them, so every file operation here goes through {@link BeneathRoot},
     * which never follows a link, not even one swapped in after the path was checked.
     */
    List<Entry> list(Path projectRoot, String relative) {
        Path dir = SafePaths.resolve(projectRoot, relative);
        String prefix = dir.equals(projectRoot) ? "" : projectRoot.relativize(dir) + "/";
        List<Entry> entries = new ArrayList<>();
        for (BeneathRoot.Child child : BeneathRoot.children(projectRoot, relative)) {
            BasicFileAttributes attrs = child.attrs();
            String type = attrs.isSymbolicLink() ? "link" : attrs.isDirectory() ? "folder" : "file";
            entries.add(new Entry(child.name(), prefix + child.name(), type,
                    attrs.isDirectory() ? 0 : attrs.size(), Timestamps.iso(attrs.lastModifiedTime().toMillis())));
        }
        return entries;
    }

    void createFolder(Path projectRoot, String relative) {
        Path dir = SafePaths.resolve(projectRoot, relative);
        if (dir.equals(projectRoot)) {
            throw new BadRequestException("path is required");
        }
        createFolders(projectRoot, relative, BeneathRoot.steps(projectRoot, relative));
    }

    /**
     * Makes the folders on the way, each from its opened parent ({@link HostileTree#createFolders}):
     * a link a program put there, even a moment ago, answers 409 and is never followed.
     */
    private static void createFolders(Path projectRoot, String relative, List<String> steps) {
        try {
            HostileTree.createFolders(projectRoot, steps);
        } catch (java.nio.file.FileSystemException e) {
            throw new ConflictException("a file or a symbolic link is in the way of '" + relative + "' ("
                    + e.getFile() + ": " + e.getReason() + "); links are not followed");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a file through a temporary file in the same folder, so a reader never sees half of it. */
    long write(Path projectRoot, String relative, InputStream content) {
        Path file = SafePaths.resolve(projectRoot, relative);
        if (file.equals(projectRoot) || SafePaths.isPlainDirectory(file)) {
            throw new BadRequestException("path must name a file: '" + relative + "'");
        }
        List<String> steps = BeneathRoot.steps(projectRoot, relative);
        createFolders(projectRoot, relative, steps.subList(0, steps.size() - 1));
        return BeneathRoot.write(projectRoot, projectRoot.relativize(file).toString(), content);
    }

    /** Makes a new empty file (and the folders on the way); 409 when something is there already. */
    void createFile(Path projectRoot, String relative) {
        Path file = SafePaths.resolve(projectRoot, relative);
        if (file.equals(projectRoot)) {
            throw new BadRequestException("path is required");
        }
        List<String> steps = BeneathRoot.steps(projectRoot, relative);
        createFolders(projectRoot, relative, steps.subList(0, steps.size() - 1));
        BeneathRoot.createEmpty(projectRoot, projectRoot.relativize(file).toString());
    }

    String readText(Path projectRoot, String relative) {
        try (java.nio.channels.SeekableByteChannel channel = BeneathRoot.open(projectRoot, relative)) {
            if (channel.size() > MAX_TEXT_BYTES) {
                throw new BadRequestException("the file is larger than " + MAX_TEXT_BYTES + " bytes: download it instead");
            }
            byte[] bytes = java.nio.channels.Channels.newInputStream(channel).readAllBytes();
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequestException("the file is not UTF-8 text: download it instead");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void delete(Path projectRoot, String relative) {
        Path path = SafePaths.resolve(projectRoot, relative);
        if (path.equals(projectRoot)) {
            throw new BadRequestException("path is required: delete the project itself with DELETE /workspace/projects/{name}");
        }
        BeneathRoot.delete(projectRoot, relative);
    }

    /** Bytes used by everything under {@code dir}. */
    long usage(Path dir) {
        try {
            return io.coderunner.engine.files.HostileTree.size(dir);
        } catch (io.coderunner.engine.files.HostileTree.TreeTooLargeException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

}
