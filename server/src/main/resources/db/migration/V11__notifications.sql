-- What happened that a user should hear of: a comment on their post, a reply to their comment, a
-- new follower. Written by the notifications module when the community publishes the event; the
-- actor's name is kept as it was then, so a notification still reads right after a rename.
CREATE TABLE notifications (
    id ${id},
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    actor_id BIGINT,
    actor_username TEXT NOT NULL,
    post_id BIGINT,
    post_title TEXT,
    created_at BIGINT NOT NULL,
    read_at BIGINT
);
CREATE INDEX notifications_of_user ON notifications (user_id, created_at);
