-- Users' environments (seed 004's UserEnvironment): a Python virtual environment or a Node.js
-- project, each in its own directory under the data directory (environments/<id>/<generation>/).
-- generation names the directory that is current: an install writes a new one and, once it has
-- succeeded, moves this number on, so a failed install leaves the environment as it was.
-- code_library.environment_id (V2) names an environment of this table.
CREATE TABLE user_environments (
    id ${id},
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL,
    version TEXT NOT NULL,
    is_public BOOLEAN NOT NULL DEFAULT FALSE,
    generation INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    last_used_at BIGINT
);
CREATE UNIQUE INDEX user_environments_name ON user_environments (user_id, name);
CREATE INDEX user_environments_public ON user_environments (is_public, name);
