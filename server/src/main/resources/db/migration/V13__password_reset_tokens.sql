-- Links that reset a forgotten password (POST /forgot-password, /reset-password). Only the SHA-256 of
-- a token is kept, so a copy of the database cannot reset anyone's password; each is used once and
-- expires 30 minutes after it was made.
CREATE TABLE password_reset_tokens (
    id ${id},
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX password_reset_tokens_user ON password_reset_tokens (user_id);
