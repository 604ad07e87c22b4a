-- AI assistance: users' provider configurations and what they used.

-- AI requests of a user on a day (UTC), for the tier's daily limit, next to runs and API calls.
ALTER TABLE daily_usage ADD COLUMN ai_requests INTEGER NOT NULL DEFAULT 0;

-- A user's provider configurations (seed 004's AIConfig). The API key is stored encrypted
-- (AES-256-GCM, "v1:" + base64 of nonce and ciphertext); api_key_hint is its last four characters,
-- the only part ever shown again.
CREATE TABLE ai_configs (
    id ${id},
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    config_name TEXT NOT NULL,
    provider TEXT NOT NULL,
    model_name TEXT NOT NULL,
    api_key_encrypted TEXT,
    api_key_hint TEXT,
    base_url TEXT,
    temperature DOUBLE PRECISION,
    max_tokens INTEGER,
    is_active BOOLEAN NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX ai_configs_user ON ai_configs (user_id, created_at);
-- At most one active configuration per user, whatever requests run at once.
CREATE UNIQUE INDEX ai_configs_one_active ON ai_configs (user_id) WHERE is_active;

-- Use of AI per user, day (UTC) and source: "config:<id>" for a user's configuration,
-- "server:<name>" for a provider the installation offers.
CREATE TABLE ai_usage (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    day INTEGER NOT NULL,
    source TEXT NOT NULL,
    requests BIGINT NOT NULL DEFAULT 0,
    failures BIGINT NOT NULL DEFAULT 0,
    input_tokens BIGINT NOT NULL DEFAULT 0,
    output_tokens BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, day, source)
);
