package io.coderunner.server.workspaces;

import io.coderunner.server.http.Page;
import io.coderunner.server.http.Timestamps;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The workspace_projects and workspace_notes tables. */
@Repository
class WorkspaceStore {

    record Project(long id, long userId, String name, long createdAt) {
    }

    record Note(long id, String title, String content, String createdAt, String updatedAt) {
    }

    private final JdbcClient jdbc;

    WorkspaceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Project> projects(long userId) {
        return jdbc.sql("SELECT * FROM workspace_projects WHERE user_id = ? ORDER BY name").param(userId)
                .query((rs, n) -> new Project(rs.getLong("id"), rs.getLong("user_id"), rs.getString("name"), rs.getLong("created_at")))
                .list();
    }

    Optional<Project> project(long userId, String name) {
        return jdbc.sql("SELECT * FROM workspace_projects WHERE user_id = ? AND name = ?").params(userId, name)
                .query((rs, n) -> new Project(rs.getLong("id"), rs.getLong("user_id"), rs.getString("name"), rs.getLong("created_at")))
                .optional();
    }

    boolean create(long userId, String name, long now) {
        return jdbc.sql("INSERT INTO workspace_projects (user_id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (user_id, name) DO NOTHING")
                .params(userId, name, now).update() == 1;
    }

    void delete(long projectId) {
        jdbc.sql("DELETE FROM workspace_projects WHERE id = ?").param(projectId).update();
    }

    List<Note> notes(long projectId, Page page) {
        return jdbc.sql("SELECT * FROM workspace_notes WHERE project_id = ? ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?")
                .params(projectId, page.limit(), page.skip()).query((rs, n) -> note(rs)).list();
    }

    long countNotes(long projectId) {
        return jdbc.sql("SELECT COUNT(*) FROM workspace_notes WHERE project_id = ?").param(projectId).query(Long.class).single();
    }

    Optional<Note> note(long projectId, long id) {
        return jdbc.sql("SELECT * FROM workspace_notes WHERE project_id = ? AND id = ?").params(projectId, id)
                .query((rs, n) -> note(rs)).optional();
    }

    long addNote(long projectId, String title, String content, long now) {
        return jdbc.sql("INSERT INTO workspace_notes (project_id, title, content, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING id")
                .params(projectId, title, content, now, now).query(Long.class).single();
    }

    boolean updateNote(long projectId, long id, String title, String content, long now) {
        return jdbc.sql("UPDATE workspace_notes SET title = ?, content = ?, updated_at = ? WHERE project_id = ? AND id = ?")
                .params(title, content, now, projectId, id).update() == 1;
    }

    boolean deleteNote(long projectId, long id) {
        return jdbc.sql("DELETE FROM workspace_notes WHERE project_id = ? AND id = ?").params(projectId, id).update() == 1;
    }

    private static Note note(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Note(rs.getLong("id"), rs.getString("title"), rs.getString("content"),
                Timestamps.iso(rs.getLong("created_at")), Timestamps.iso(rs.getLong("updated_at")));
    }
}
