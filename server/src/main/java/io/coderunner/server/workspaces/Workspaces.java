package io.coderunner.server.workspaces;

import io.coderunner.server.security.Caller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** What other modules may ask of workspaces: where a caller's project keeps its files. */
@Component
public class Workspaces {

    private final WorkspaceService workspaces;
    private final WorkspaceStore store;
    private final WorkspaceFiles files;

    Workspaces(WorkspaceService workspaces, WorkspaceStore store, WorkspaceFiles files) {
        this.workspaces = workspaces;
        this.store = store;
        this.files = files;
    }

    /** The directory of a user's project, if they still have it (for readers without a caller, such as share links). */
    public Optional<Path> projectDirectory(long userId, String name) {
        return store.project(userId, name).map(project -> files.projectRoot(userId, project.name()));
    }

    /** The directory of one of the caller's projects; 404 when they have no project of that name. */
    public Path projectDirectory(Caller caller, String name) {
        Path root = workspaces.root(caller, name);
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }

    /** How many bytes the caller's tier lets their workspaces (and terminal sessions) hold. */
    public long storageLimit(Caller caller) {
        return workspaces.storageLimit(caller);
    }

    /** How many bytes the user's workspace projects hold now. */
    public long storageUsed(long userId) {
        return files.usage(files.userRoot(userId));
    }

    /** How many bytes the files under a folder a sandbox may have written hold (links not followed). */
    public long sizeOf(Path dir) {
        return files.usage(dir);
    }

    /** The project's name as stored (names are sanitised when a project is made). */
    public String projectName(Caller caller, String name) {
        return workspaces.root(caller, name).getFileName().toString();
    }
}
