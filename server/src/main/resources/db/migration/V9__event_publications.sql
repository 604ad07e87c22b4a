-- The event publication registry (Spring Modulith): one row for each event and each listener in
-- another module that must react to it, written in the transaction that published the event, and
-- marked completed once that listener has finished. A row still incomplete is retried while the
-- server runs and resubmitted when it starts (system/EventPublicationRetries). Modulith's own JDBC
-- store knows no SQLite, so this table is ours and the same on both databases: the id is the UUID
-- as text, times are epoch milliseconds as everywhere else in this schema.
CREATE TABLE event_publication (
    id TEXT PRIMARY KEY,
    listener_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    serialized_event TEXT NOT NULL,
    publication_date BIGINT NOT NULL,
    completion_date BIGINT,
    status TEXT NOT NULL,
    completion_attempts INTEGER NOT NULL,
    last_resubmission_date BIGINT
);
CREATE INDEX event_publication_incomplete ON event_publication (completion_date, publication_date);
CREATE INDEX event_publication_status ON event_publication (status);
