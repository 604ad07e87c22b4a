-- CodeRunner's core schema (seed 000): users, their executions, code library and API keys, and
-- the system log; plus refresh tokens and daily usage counters.
-- Times are milliseconds since the epoch (UTC) in BIGINT columns: the same in SQLite and
-- PostgreSQL, and what the code compares and sorts. ${id} is the identity column of each database.

CREATE TABLE users (
    id ${id},
    username TEXT NOT NULL,
    email TEXT NOT NULL,
    hashed_password TEXT NOT NULL,
    full_name TEXT,
    is_active BOOLEAN NOT NULL DEFAULT TRUE,
    is_admin BOOLEAN NOT NULL DEFAULT FALSE,
    user_level INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until BIGINT,
    -- Access tokens issued before this moment are no longer accepted (password changed, account disabled).
    tokens_valid_after BIGINT NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX users_username ON users (LOWER(username));
CREATE UNIQUE INDEX users_email ON users (LOWER(email));

CREATE TABLE refresh_tokens (
    id ${id},
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    family TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT,
    revoked_at BIGINT
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family);

CREATE TABLE code_library (
    id ${id},
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT,
    code TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT 'python',
    is_public BOOLEAN NOT NULL DEFAULT FALSE,
    tags TEXT NOT NULL DEFAULT '[]',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX code_library_user ON code_library (user_id, updated_at);

CREATE TABLE api_keys (
    id ${id},
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key_name TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    key_prefix TEXT NOT NULL,
    scopes TEXT NOT NULL,
    is_active BOOLEAN NOT NULL DEFAULT TRUE,
    last_used BIGINT,
    usage_count BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    expires_at BIGINT
);
CREATE INDEX api_keys_user ON api_keys (user_id);

CREATE TABLE code_executions (
    id ${id},
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    code TEXT NOT NULL,
    result TEXT,
    status TEXT NOT NULL,
    exit_code INTEGER,
    signal INTEGER,
    stdout TEXT,
    stderr TEXT,
    stdout_truncated BOOLEAN NOT NULL DEFAULT FALSE,
    stderr_truncated BOOLEAN NOT NULL DEFAULT FALSE,
    compile_output TEXT,
    reason TEXT,
    execution_time BIGINT,
    cpu_time BIGINT,
    memory_usage BIGINT,
    created_at BIGINT NOT NULL,
    is_api_call BOOLEAN NOT NULL DEFAULT FALSE,
    api_key_id BIGINT REFERENCES api_keys (id) ON DELETE SET NULL,
    code_library_id BIGINT REFERENCES code_library (id) ON DELETE SET NULL
);
CREATE INDEX code_executions_user ON code_executions (user_id, created_at);
CREATE INDEX code_executions_created ON code_executions (created_at);

-- Runs and API calls of a user on a day (UTC), for the daily quotas.
CREATE TABLE daily_usage (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    day INTEGER NOT NULL,
    executions INTEGER NOT NULL DEFAULT 0,
    api_calls INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, day)
);

CREATE TABLE system_logs (
    id ${id},
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    username TEXT,
    action TEXT NOT NULL,
    resource_type TEXT,
    resource_id TEXT,
    details TEXT,
    ip_address TEXT,
    user_agent TEXT,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX system_logs_created ON system_logs (created_at);
CREATE INDEX system_logs_user ON system_logs (user_id, created_at);
CREATE INDEX system_logs_action ON system_logs (action);
