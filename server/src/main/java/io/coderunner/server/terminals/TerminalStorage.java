package io.coderunner.server.terminals;

import io.coderunner.server.workspaces.Workspaces;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * What the terminals of a user write counts against the same storage limit as their workspace
 * projects: a session in a project writes into the project, a session of its own into its work
 * folder, and the two are added up. A user over the limit has every terminal ended — the kernel
 * has no quota on these folders (they are plain folders of the data directory), so the limit is
 * enforced by ending the writers, checked every {@link #CHECK_MILLIS} ms; what a file may grow to
 * between two checks is bounded by the session's file-size limit.
 */
@Component
class TerminalStorage {

    /** How often the folders are measured. */
    static final long CHECK_MILLIS = 2_000;

    /** A session whose writes are counted. */
    record Watched(String sessionId, long userId, Path workDir, boolean inProject, long limitBytes) {
    }

    /** A user over their limit: the sessions to end, and why. */
    record Over(List<String> sessionIds, String why) {
    }

    private final Map<String, Watched> watched = new ConcurrentHashMap<>();
    private final Workspaces workspaces;

    TerminalStorage(Workspaces workspaces) {
        this.workspaces = workspaces;
    }

    void watch(Watched session) {
        watched.put(session.sessionId(), session);
    }

    void forget(String sessionId) {
        watched.remove(sessionId);
    }

    /** The users now over their storage limit, with their sessions. */
    List<Over> overLimit() {
        Map<Long, List<Watched>> byUser = new HashMap<>();
        for (Watched session : watched.values()) {
            byUser.computeIfAbsent(session.userId(), id -> new java.util.ArrayList<>()).add(session);
        }
        List<Over> over = new java.util.ArrayList<>();
        for (Map.Entry<Long, List<Watched>> user : byUser.entrySet()) {
            long limit = user.getValue().stream().mapToLong(Watched::limitBytes).min().orElse(Long.MAX_VALUE);
            long used;
            try {
                used = workspaces.storageUsed(user.getKey());
                for (Watched session : user.getValue()) {
                    if (!session.inProject()) {
                        used += workspaces.sizeOf(session.workDir());
                    }
                }
            } catch (RuntimeException tooLargeToMeasure) {
                // A tree past the measuring bounds (too deep, too many entries) is a way around the
                // limit if it is let be: it counts as over it.
                over.add(new Over(user.getValue().stream().map(Watched::sessionId).toList(),
                        "storage can no longer be measured (" + tooLargeToMeasure.getMessage() + "): delete files and open a new session"));
                continue;
            }
            if (used > limit) {
                over.add(new Over(user.getValue().stream().map(Watched::sessionId).toList(),
                        "storage limit of " + limit / (1024 * 1024) + " MB exceeded (" + used / (1024 * 1024)
                                + " MB in workspaces and terminal sessions): delete files and open a new session"));
            }
        }
        return over;
    }
}
