-- Long-lived sandboxes (seed 001's sandbox platform). A sandbox's files live in the data directory
-- (sandboxes/<id>/); its owner is a user or, once there are any, an organization (owner_kind).
-- env, labels and volumes are JSON text; host_uid is the uid its processes and files have on the host,
-- its own for the sandbox's whole life.
CREATE TABLE sandboxes (
    id TEXT PRIMARY KEY,
    owner_kind TEXT NOT NULL,
    owner_id BIGINT NOT NULL,
    host_uid INTEGER NOT NULL,
    name TEXT NOT NULL,
    language TEXT NOT NULL,
    state TEXT NOT NULL,
    snapshot TEXT,
    env TEXT NOT NULL,
    labels TEXT NOT NULL,
    cpu DOUBLE PRECISION NOT NULL,
    memory_mb INTEGER NOT NULL,
    disk_mb INTEGER NOT NULL,
    network BOOLEAN NOT NULL,
    auto_stop_minutes INTEGER NOT NULL,
    auto_archive_minutes INTEGER NOT NULL,
    auto_delete_minutes INTEGER NOT NULL,
    volumes TEXT NOT NULL,
    error_reason TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    last_activity_at BIGINT NOT NULL,
    state_changed_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX sandboxes_owner_name ON sandboxes (owner_kind, owner_id, name);
CREATE INDEX sandboxes_state ON sandboxes (state);
CREATE UNIQUE INDEX sandboxes_host_uid ON sandboxes (host_uid);

-- Every change of a sandbox's state, kept after the sandbox is deleted.
CREATE TABLE sandbox_transitions (
    id ${id},
    sandbox_id TEXT NOT NULL,
    from_state TEXT,
    to_state TEXT NOT NULL,
    reason TEXT,
    at BIGINT NOT NULL
);
CREATE INDEX sandbox_transitions_sandbox ON sandbox_transitions (sandbox_id, id);
