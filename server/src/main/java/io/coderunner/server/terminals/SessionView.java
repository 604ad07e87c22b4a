package io.coderunner.server.terminals;

import io.coderunner.server.http.Timestamps;
import java.util.List;

/**
 * A session as seed 003's CCResearchSession shows it. {@code workspace_dir} names where its files
 * are in the product's terms (a project, or the session's own files), never a host path.
 */
record SessionView(String id, String title, String status, int terminalRows, int terminalCols, int commandsExecuted,
                   String shareToken, String sharedAt, String createdAt, String lastActivityAt, String expiresAt,
                   String workspaceDir, String project, List<String> uploadedFiles) {

    static SessionView of(SessionStore.Session s) {
        return new SessionView(s.id(), s.title(), s.status(), s.rows(), s.cols(), s.commandsExecuted(), s.shareToken(),
                s.sharedAt() == null ? null : Timestamps.iso(s.sharedAt()), Timestamps.iso(s.createdAt()),
                Timestamps.iso(s.lastActivityAt()), Timestamps.iso(s.expiresAt()), SessionDirectories.describe(s), s.project(),
                SessionUploads.names(s.uploadedFiles()));
    }

    /** What anyone with the share link sees: no share token, nothing of the owner. */
    record Shared(String title, String status, int terminalRows, int terminalCols, int commandsExecuted, String sharedAt,
                  String createdAt, String lastActivityAt) {

        static Shared of(SessionStore.Session s) {
            return new Shared(s.title(), s.status(), s.rows(), s.cols(), s.commandsExecuted(),
                    s.sharedAt() == null ? null : Timestamps.iso(s.sharedAt()), Timestamps.iso(s.createdAt()),
                    Timestamps.iso(s.lastActivityAt()));
        }
    }
}
