package io.coderunner.server.sandboxes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The sandbox_volumes table. */
@Repository
class VolumeStore {

    record Volume(String id, SandboxOwner owner, String name, int sizeMb, String state, long createdAt, long updatedAt, Long lastUsedAt) {
    }

    private final JdbcClient jdbc;

    VolumeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Volume v) {
        jdbc.sql("""
                INSERT INTO sandbox_volumes (id, owner_kind, owner_id, name, size_mb, state, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(v.id(), v.owner().kindId(), v.owner().id(), v.name(), v.sizeMb(), v.state(), v.createdAt(), v.updatedAt())
                .update();
    }

    void used(String id, long now) {
        jdbc.sql("UPDATE sandbox_volumes SET last_used_at = ? WHERE id = ?").params(now, id).update();
    }

    void delete(String id) {
        jdbc.sql("DELETE FROM sandbox_volumes WHERE id = ?").param(id).update();
    }

    Optional<Volume> find(String id) {
        return jdbc.sql("SELECT * FROM sandbox_volumes WHERE id = ?").param(id).query(VolumeStore::volume).optional();
    }

    Optional<Volume> findByName(SandboxOwner owner, String name) {
        return jdbc.sql("SELECT * FROM sandbox_volumes WHERE owner_kind = ? AND owner_id = ? AND name = ?")
                .params(owner.kindId(), owner.id(), name).query(VolumeStore::volume).optional();
    }

    List<Volume> ofOwner(SandboxOwner owner) {
        return jdbc.sql("SELECT * FROM sandbox_volumes WHERE owner_kind = ? AND owner_id = ? ORDER BY created_at DESC, id")
                .params(owner.kindId(), owner.id()).query(VolumeStore::volume).list();
    }

    private static Volume volume(ResultSet rs, int row) throws SQLException {
        long lastUsed = rs.getLong("last_used_at");
        Long lastUsedAt = rs.wasNull() ? null : lastUsed;
        return new Volume(rs.getString("id"),
                new SandboxOwner(SandboxOwner.Kind.valueOf(rs.getString("owner_kind").toUpperCase(java.util.Locale.ROOT)), rs.getLong("owner_id")),
                rs.getString("name"), rs.getInt("size_mb"), rs.getString("state"), rs.getLong("created_at"), rs.getLong("updated_at"),
                lastUsedAt);
    }
}
