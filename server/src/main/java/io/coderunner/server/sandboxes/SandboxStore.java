package io.coderunner.server.sandboxes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The sandboxes and sandbox_transitions tables. */
@Repository
class SandboxStore {

    /** A recorded change of state. */
    record Transition(SandboxState from, SandboxState to, String reason, long at) {
    }

    // Its own mapper: the columns keep the request's keys (env variables, labels) exactly as given.
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<List<StoredVolume>> VOLUMES = new TypeReference<>() { };

    /** A volume attachment as kept in the volumes column. */
    record StoredVolume(String volume, String mountPath, boolean readOnly) {
    }

    private final JdbcClient jdbc;

    SandboxStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    void insert(SandboxRecord s) {
        jdbc.sql("""
                INSERT INTO sandboxes (id, owner_kind, owner_id, host_uid, name, language, state, snapshot, env, labels, cpu,
                    memory_mb, disk_mb, network, auto_stop_minutes, auto_archive_minutes, auto_delete_minutes, volumes,
                    error_reason, created_at, updated_at, last_activity_at, state_changed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(s.id(), s.owner().kindId(), s.owner().id(), s.hostUid(), s.name(), s.language(), s.state().id(), s.snapshot(),
                        json(s.env()), json(s.labels()), s.cpu(), s.memoryMb(), s.diskMb(), s.network(),
                        s.autoStopMinutes(), s.autoArchiveMinutes(), s.autoDeleteMinutes(), json(volumes(s.volumes())),
                        s.errorReason(), s.createdAt(), s.updatedAt(), s.lastActivityAt(), s.stateChangedAt())
                .update();
        transition(s.id(), null, s.state(), null, s.createdAt());
    }

    /**
     * Moves a sandbox from {@code from} to the record's state, and records it; false when its state
     * was no longer {@code from} (another request changed it first).
     */
    @Transactional
    boolean changeState(SandboxRecord next, SandboxState from) {
        int changed = jdbc.sql("""
                UPDATE sandboxes SET state = ?, error_reason = ?, updated_at = ?, state_changed_at = ?
                WHERE id = ? AND state = ?""")
                .params(next.state().id(), next.errorReason(), next.updatedAt(), next.stateChangedAt(), next.id(), from.id())
                .update();
        if (changed == 1) {
            transition(next.id(), from, next.state(), next.errorReason(), next.stateChangedAt());
        }
        return changed == 1;
    }

    void touch(String id, long now) {
        jdbc.sql("UPDATE sandboxes SET last_activity_at = ? WHERE id = ? AND last_activity_at < ?").params(now, id, now).update();
    }

    void updateLabels(String id, Map<String, String> labels, long now) {
        jdbc.sql("UPDATE sandboxes SET labels = ?, updated_at = ? WHERE id = ?").params(json(labels), now, id).update();
    }

    void updateLifecycle(String id, int autoStop, int autoArchive, int autoDelete, long now) {
        jdbc.sql("""
                UPDATE sandboxes SET auto_stop_minutes = ?, auto_archive_minutes = ?, auto_delete_minutes = ?, updated_at = ?
                WHERE id = ?""").params(autoStop, autoArchive, autoDelete, now, id).update();
    }

    @Transactional
    void delete(String id, SandboxState from, long now) {
        jdbc.sql("DELETE FROM sandboxes WHERE id = ?").param(id).update();
        transition(id, from, SandboxState.DESTROYED, null, now);
    }

    Optional<SandboxRecord> find(String id) {
        return jdbc.sql("SELECT * FROM sandboxes WHERE id = ?").param(id).query(SandboxStore::sandbox).optional();
    }

    Optional<SandboxRecord> findByName(SandboxOwner owner, String name) {
        return jdbc.sql("SELECT * FROM sandboxes WHERE owner_kind = ? AND owner_id = ? AND name = ?")
                .params(owner.kindId(), owner.id(), name).query(SandboxStore::sandbox).optional();
    }

    List<SandboxRecord> ofOwner(SandboxOwner owner) {
        return jdbc.sql("SELECT * FROM sandboxes WHERE owner_kind = ? AND owner_id = ? ORDER BY created_at DESC, id")
                .params(owner.kindId(), owner.id()).query(SandboxStore::sandbox).list();
    }

    List<SandboxRecord> inStates(List<SandboxState> states) {
        return jdbc.sql("SELECT * FROM sandboxes WHERE state IN (:states)")
                .param("states", states.stream().map(SandboxState::id).toList()).query(SandboxStore::sandbox).list();
    }

    int countOf(SandboxOwner owner, List<SandboxState> states) {
        return jdbc.sql("SELECT COUNT(*) FROM sandboxes WHERE owner_kind = :kind AND owner_id = :id AND state IN (:states)")
                .param("kind", owner.kindId()).param("id", owner.id())
                .param("states", states.stream().map(SandboxState::id).toList()).query(Integer.class).single();
    }

    /** The highest host uid any sandbox has, or 0. */
    int highestHostUid() {
        return jdbc.sql("SELECT COALESCE(MAX(host_uid), 0) FROM sandboxes").query(Integer.class).single();
    }

    int countOf(SandboxOwner owner) {
        return jdbc.sql("SELECT COUNT(*) FROM sandboxes WHERE owner_kind = ? AND owner_id = ?")
                .params(owner.kindId(), owner.id()).query(Integer.class).single();
    }

    List<Transition> transitions(String id) {
        return jdbc.sql("SELECT from_state, to_state, reason, at FROM sandbox_transitions WHERE sandbox_id = ? ORDER BY id")
                .param(id).query((rs, n) -> new Transition(
                        rs.getString("from_state") == null ? null : SandboxState.of(rs.getString("from_state")),
                        SandboxState.of(rs.getString("to_state")), rs.getString("reason"), rs.getLong("at"))).list();
    }

    private void transition(String id, SandboxState from, SandboxState to, String reason, long at) {
        jdbc.sql("INSERT INTO sandbox_transitions (sandbox_id, from_state, to_state, reason, at) VALUES (?, ?, ?, ?, ?)")
                .params(id, from == null ? null : from.id(), to.id(), reason, at).update();
    }

    private static SandboxRecord sandbox(ResultSet rs, int row) throws SQLException {
        SandboxOwner owner = new SandboxOwner(SandboxOwner.Kind.valueOf(rs.getString("owner_kind").toUpperCase(java.util.Locale.ROOT)),
                rs.getLong("owner_id"));
        List<VolumeAttachment> volumes = read(rs.getString("volumes"), VOLUMES).stream()
                .map(v -> new VolumeAttachment(v.volume(), v.mountPath(), v.readOnly())).toList();
        return new SandboxRecord(rs.getString("id"), owner, rs.getInt("host_uid"), rs.getString("name"), rs.getString("language"),
                SandboxState.of(rs.getString("state")), rs.getString("snapshot"), read(rs.getString("env"), STRINGS),
                read(rs.getString("labels"), STRINGS), rs.getDouble("cpu"), rs.getInt("memory_mb"), rs.getInt("disk_mb"),
                rs.getBoolean("network"), rs.getInt("auto_stop_minutes"), rs.getInt("auto_archive_minutes"),
                rs.getInt("auto_delete_minutes"), volumes, rs.getString("error_reason"), rs.getLong("created_at"),
                rs.getLong("updated_at"), rs.getLong("last_activity_at"), rs.getLong("state_changed_at"));
    }

    private static List<StoredVolume> volumes(List<VolumeAttachment> volumes) {
        return volumes.stream().map(v -> new StoredVolume(v.volume(), v.mountPath(), v.readOnly())).toList();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String text, TypeReference<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a sandbox row holds JSON that does not parse", e);
        }
    }
}
