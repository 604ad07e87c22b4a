-- Terminal sessions (seed 003's CCResearchSession). The session's files and its terminal log live in
-- the data directory (terminals/<id>/), or its files in a workspace project (project).
CREATE TABLE terminal_sessions (
    id TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    project TEXT,
    status TEXT NOT NULL,
    terminal_rows INTEGER NOT NULL,
    terminal_cols INTEGER NOT NULL,
    commands_executed INTEGER NOT NULL,
    uploaded_files TEXT NOT NULL,
    share_token TEXT,
    shared_at BIGINT,
    created_at BIGINT NOT NULL,
    last_activity_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    ended_at BIGINT
);
CREATE INDEX terminal_sessions_user ON terminal_sessions (user_id, created_at);
CREATE UNIQUE INDEX terminal_sessions_share ON terminal_sessions (share_token);
