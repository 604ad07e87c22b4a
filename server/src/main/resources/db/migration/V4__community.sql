-- The community (seed 004): posts in Markdown, nested comments, likes, favourites and follows.
-- Times are milliseconds since the epoch (UTC), as in V1. The counters on posts and comments are
-- kept by the community module in the same transaction as the rows they count.

CREATE TABLE posts (
    id ${id},
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    content TEXT NOT NULL,
    code_snippet TEXT,
    code_language TEXT,
    -- A JSON array of lower-case strings.
    tags TEXT NOT NULL DEFAULT '[]',
    is_public BOOLEAN NOT NULL DEFAULT TRUE,
    like_count BIGINT NOT NULL DEFAULT 0,
    favorite_count BIGINT NOT NULL DEFAULT 0,
    comment_count BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
-- The feed: newest first.
CREATE INDEX posts_created ON posts (created_at, id);
-- A user's posts, and the following feed.
CREATE INDEX posts_user ON posts (user_id, created_at);

CREATE TABLE comments (
    id ${id},
    post_id BIGINT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- A reply's comment; deleting a comment deletes its replies.
    parent_id BIGINT REFERENCES comments (id) ON DELETE CASCADE,
    -- 0 for a comment on the post, parent's depth + 1 for a reply: bounds how deep threads nest.
    depth INTEGER NOT NULL DEFAULT 0,
    content TEXT NOT NULL,
    like_count BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX comments_post ON comments (post_id, created_at);
CREATE INDEX comments_parent ON comments (parent_id);
CREATE INDEX comments_user ON comments (user_id);

CREATE TABLE post_likes (
    post_id BIGINT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (post_id, user_id)
);
CREATE INDEX post_likes_user ON post_likes (user_id);

CREATE TABLE post_favorites (
    post_id BIGINT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (post_id, user_id)
);
CREATE INDEX post_favorites_user ON post_favorites (user_id, created_at);

CREATE TABLE comment_likes (
    comment_id BIGINT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (comment_id, user_id)
);
CREATE INDEX comment_likes_user ON comment_likes (user_id);

CREATE TABLE follows (
    follower_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    followee_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (follower_id, followee_id),
    CHECK (follower_id <> followee_id)
);
-- Who follows a user (the primary key serves whom a user follows).
CREATE INDEX follows_followee ON follows (followee_id, created_at);
