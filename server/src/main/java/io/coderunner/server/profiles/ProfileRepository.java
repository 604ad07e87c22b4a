package io.coderunner.server.profiles;

import io.coderunner.server.persistence.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The user_profiles table: one row per user who has changed their profile. */
@Repository
class ProfileRepository {

    private final JdbcClient jdbc;

    ProfileRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The user's profile; the defaults when they have never changed it. */
    StoredProfile find(long userId) {
        return jdbc.sql("SELECT * FROM user_profiles WHERE user_id = ?").param(userId)
                .query(ProfileRepository::row).optional().orElseGet(() -> StoredProfile.empty(userId));
    }

    /** Writes the whole profile, making the row on the first change (the same statement on SQLite and PostgreSQL). */
    void save(StoredProfile profile) {
        jdbc.sql("""
                INSERT INTO user_profiles (user_id, bio, avatar_filename, website, location, github, profile_public,
                                           show_email, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET bio = excluded.bio, avatar_filename = excluded.avatar_filename,
                    website = excluded.website, location = excluded.location, github = excluded.github,
                    profile_public = excluded.profile_public, show_email = excluded.show_email,
                    updated_at = excluded.updated_at""")
                .params(profile.userId(), profile.bio(), profile.avatarFilename(), profile.website(), profile.location(),
                        profile.github(), profile.profilePublic(), profile.showEmail(), profile.updatedAt())
                .update();
    }

    /** Whether any user's avatar is this file (a file of a deleted user is not). */
    Optional<Long> ownerOfAvatar(String filename) {
        return jdbc.sql("SELECT user_id FROM user_profiles WHERE avatar_filename = ?").param(filename)
                .query(Long.class).optional();
    }

    /** The avatar file names profiles show now. */
    java.util.Set<String> avatarNames() {
        return new java.util.HashSet<>(jdbc.sql("SELECT avatar_filename FROM user_profiles WHERE avatar_filename IS NOT NULL")
                .query(String.class).list());
    }

    private static StoredProfile row(ResultSet rs, int n) throws SQLException {
        return new StoredProfile(rs.getLong("user_id"), rs.getString("bio"), rs.getString("avatar_filename"),
                rs.getString("website"), rs.getString("location"), rs.getString("github"),
                rs.getBoolean("profile_public"), rs.getBoolean("show_email"), Rows.longOrNull(rs, "updated_at"));
    }
}
