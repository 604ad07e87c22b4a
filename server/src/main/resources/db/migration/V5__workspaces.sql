-- Workspaces (seed 003): a user's projects and their notes. The files live in the data directory
-- (workspaces/<user id>/<project>/), not in the database.
CREATE TABLE workspace_projects (
    id ${id},
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX workspace_projects_name ON workspace_projects (user_id, name);

CREATE TABLE workspace_notes (
    id ${id},
    project_id BIGINT NOT NULL REFERENCES workspace_projects (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    content TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX workspace_notes_project ON workspace_notes (project_id, updated_at);
