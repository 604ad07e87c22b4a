-- Users' profiles (seed 004, 用户资料管理): what a user tells about themselves, their avatar and
-- who may see it. A table of its own, owned by the profiles module, rather than columns added to
-- users: the accounts module alone reads and writes users (sign-in reads it on every request
-- through a cache), and a profile's fields are nothing sign-in needs. A user without a row here
-- has an empty profile with the defaults below; deleting the user deletes the row.
CREATE TABLE user_profiles (
    user_id BIGINT NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    bio TEXT,
    -- The stored file's generated name in <data dir>/avatars, never a name a client chose.
    avatar_filename TEXT,
    website TEXT,
    location TEXT,
    github TEXT,
    profile_public BOOLEAN NOT NULL DEFAULT TRUE,
    show_email BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at BIGINT NOT NULL
);
-- Avatars are served by file name, and only while a profile names them.
CREATE UNIQUE INDEX user_profiles_avatar ON user_profiles (avatar_filename);
