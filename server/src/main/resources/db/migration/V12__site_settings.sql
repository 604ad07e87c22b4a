-- What administrators change while the server runs (whether visitors may run programs, and how
-- many a minute), one row per setting; a setting without a row has its configured default.
CREATE TABLE site_settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by BIGINT
);
