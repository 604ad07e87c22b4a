package io.coderunner.server.sandboxes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The sandbox_snapshots table. */
@Repository
class SnapshotStore {

    record Snapshot(String id, SandboxOwner owner, String name, String base, String state, long sizeBytes, String sourceSandboxId,
                    List<String> commands, String errorReason, long createdAt, long updatedAt, Long lastUsedAt) {

        SnapshotView view() {
            return new SnapshotView(id, name, base, state, sizeBytes, sourceSandboxId, commands, errorReason, createdAt, updatedAt,
                    lastUsedAt);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcClient jdbc;

    SnapshotStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Snapshot s) {
        jdbc.sql("""
                INSERT INTO sandbox_snapshots (id, owner_kind, owner_id, name, base, state, size_bytes, source_sandbox_id, commands,
                    error_reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(s.id(), s.owner().kindId(), s.owner().id(), s.name(), s.base(), s.state(), s.sizeBytes(), s.sourceSandboxId(),
                        json(s.commands()), s.errorReason(), s.createdAt(), s.updatedAt())
                .update();
    }

    void finish(String id, String state, long sizeBytes, String errorReason, long now) {
        jdbc.sql("UPDATE sandbox_snapshots SET state = ?, size_bytes = ?, error_reason = ?, updated_at = ? WHERE id = ?")
                .params(state, sizeBytes, errorReason, now, id).update();
    }

    boolean changeState(String id, String from, String to, long now) {
        return jdbc.sql("UPDATE sandbox_snapshots SET state = ?, updated_at = ? WHERE id = ? AND state = ?")
                .params(to, now, id, from).update() == 1;
    }

    void used(String id, long now) {
        jdbc.sql("UPDATE sandbox_snapshots SET last_used_at = ? WHERE id = ?").params(now, id).update();
    }

    void delete(String id) {
        jdbc.sql("DELETE FROM sandbox_snapshots WHERE id = ?").param(id).update();
    }

    Optional<Snapshot> find(String id) {
        return jdbc.sql("SELECT * FROM sandbox_snapshots WHERE id = ?").param(id).query(SnapshotStore::snapshot).optional();
    }

    Optional<Snapshot> findByName(SandboxOwner owner, String name) {
        return jdbc.sql("SELECT * FROM sandbox_snapshots WHERE owner_kind = ? AND owner_id = ? AND name = ?")
                .params(owner.kindId(), owner.id(), name).query(SnapshotStore::snapshot).optional();
    }

    List<Snapshot> ofOwner(SandboxOwner owner) {
        return jdbc.sql("SELECT * FROM sandbox_snapshots WHERE owner_kind = ? AND owner_id = ? ORDER BY created_at DESC, id")
                .params(owner.kindId(), owner.id()).query(SnapshotStore::snapshot).list();
    }

    List<Snapshot> inState(String state) {
        return jdbc.sql("SELECT * FROM sandbox_snapshots WHERE state = ?").param(state).query(SnapshotStore::snapshot).list();
    }

    /** Sandboxes made from the snapshot (whether their files still lie over it is their host's to say). */
    List<String> sandboxesMadeFrom(String id) {
        return jdbc.sql("SELECT id FROM sandboxes WHERE snapshot = ?").param(id).query(String.class).list();
    }

    private static Snapshot snapshot(ResultSet rs, int row) throws SQLException {
        long lastUsed = rs.getLong("last_used_at");
        Long lastUsedAt = rs.wasNull() ? null : lastUsed;
        try {
            return new Snapshot(rs.getString("id"),
                    new SandboxOwner(SandboxOwner.Kind.valueOf(rs.getString("owner_kind").toUpperCase(java.util.Locale.ROOT)), rs.getLong("owner_id")),
                    rs.getString("name"), rs.getString("base"), rs.getString("state"), rs.getLong("size_bytes"),
                    rs.getString("source_sandbox_id"), JSON.readValue(rs.getString("commands"), new TypeReference<List<String>>() { }),
                    rs.getString("error_reason"), rs.getLong("created_at"), rs.getLong("updated_at"), lastUsedAt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a snapshot row holds JSON that does not parse", e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
