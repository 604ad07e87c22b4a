package io.coderunner.server.workspaces;

import io.coderunner.engine.Sandbox;
import io.coderunner.engine.files.HostileTree;
import io.coderunner.server.accounts.UserDeleted;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A deleted user's projects: their rows went with the user (ON DELETE CASCADE); their files, the
 * folder {@code workspaces/<user id>/}, are deleted here once that is committed. User ids are never
 * given again, so the folder is the deleted user's alone. Each project is held while it is deleted,
 * as when its owner deletes it: a run or terminal still ending in it (AccountClosed has stopped
 * them) makes this fail, and so does a file that cannot be deleted; the registry then hands the
 * event back later, and what is left is deleted then.
 */
@Component
class WorkspaceCleanup {

    private static final Logger log = LoggerFactory.getLogger(WorkspaceCleanup.class);

    private final WorkspaceFiles files;
    private final Sandbox sandbox;

    WorkspaceCleanup(WorkspaceFiles files, Sandbox sandbox) {
        this.files = files;
        this.sandbox = sandbox;
    }

    @ApplicationModuleListener(id = "workspaces.user-deleted")
    void on(UserDeleted event) throws IOException {
        Path userRoot = files.userRoot(event.userId());
        if (!Files.exists(userRoot, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        for (HostileTree.Child project : HostileTree.children(userRoot, List.of())) {
            Path dir = userRoot.resolve(project.name());
            try (Sandbox.DirectoryHold held = sandbox.holdDirectory(dir)) {
                files.deleteTree(dir);
            }
        }
        files.deleteTree(userRoot);
        log.info("Workspace files of deleted user {} removed", event.userId());
    }
}
