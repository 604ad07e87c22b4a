package io.coderunner.server.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** GET /api/v1/codes: a key owner's saved code, and public code, for programs with a read_library key. */
class ExternalCodesApiTests extends ServerTest {

    private static final long JAN_2025 = 1_735_689_600_000L;

    @Autowired
    JdbcClient jdbc;

    @Test
    void listsOnlyTheKeyOwnersEntriesNewestFirst() {
        ApiClient owner = newUser("codes-owner");
        long ownerId = userId(owner);
        long otherId = userId(newUser("codes-other"));
        long older = insert(ownerId, "first", false, "[\"demo\",\"python\"]", JAN_2025);
        long newer = insert(ownerId, "second", true, "[]", JAN_2025 + 60_000);
        insert(otherId, "someone else's", true, "[]", JAN_2025 + 120_000);
        ApiClient key = api.withToken(key(owner, List.of("read_library")));

        ApiClient.Response response = key.get("/api/v1/codes");

        assertThat(response.status()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        response.json().forEach(entry -> ids.add(entry.get("id").asLong()));
        assertThat(ids).containsExactly(newer, older);
        JsonNode first = response.json().get(1);
        assertThat(first.get("user_id").asLong()).isEqualTo(ownerId);
        assertThat(first.get("title").asString()).isEqualTo("first");
        assertThat(first.get("description").asString()).isEqualTo("about first");
        assertThat(first.get("code").asString()).isEqualTo("print('first')\n");
        assertThat(first.get("language").asString()).isEqualTo("python");
        assertThat(first.get("is_public").asBoolean()).isFalse();
        assertThat(first.get("tags").toString()).isEqualTo("[\"demo\",\"python\"]");
        assertThat(first.get("created_at").asString()).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(first.get("updated_at").asString()).isEqualTo("2025-01-01T00:00:00Z");

        assertThat(key.get("/api/v1/codes?skip=1&limit=1").json()).hasSize(1);
        assertThat(key.get("/api/v1/codes?limit=0").status()).isEqualTo(400);
    }

    @Test
    void oneEntryIsTheOwnersOrAPublicOneAndOtherwiseNotFound() {
        ApiClient reader = newUser("codes-reader");
        long readerId = userId(reader);
        long writerId = userId(newUser("codes-writer"));
        long own = insert(readerId, "own private", false, "[]", JAN_2025);
        long shared = insert(writerId, "shared", true, "[\"shared\"]", JAN_2025);
        long hidden = insert(writerId, "hidden", false, "[]", JAN_2025);
        ApiClient key = api.withToken(key(reader, List.of("read_library")));

        assertThat(key.get("/api/v1/codes/" + own).json().get("title").asString()).isEqualTo("own private");
        ApiClient.Response publicOne = key.get("/api/v1/codes/" + shared);
        assertThat(publicOne.status()).isEqualTo(200);
        assertThat(publicOne.json().get("user_id").asLong()).isEqualTo(writerId);
        ApiClient.Response refused = key.get("/api/v1/codes/" + hidden);
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.detail()).isEqualTo("code " + hidden + " not found");
        assertThat(key.get("/api/v1/codes/" + (hidden + 1000)).status()).isEqualTo(404);
    }

    @Test
    void needsAKeyWithTheReadLibraryScope() {
        ApiClient user = newUser("codes-scope");
        long id = insert(userId(user), "mine", false, "[]", JAN_2025);

        assertThat(api.get("/api/v1/codes").status()).isEqualTo(401);
        assertThat(user.get("/api/v1/codes").status()).isEqualTo(403);
        assertThat(user.get("/api/v1/codes/" + id).status()).isEqualTo(403);
        ApiClient executeOnly = api.withToken(key(user, List.of("execute")));
        assertThat(executeOnly.get("/api/v1/codes").status()).isEqualTo(403);
        assertThat(executeOnly.get("/api/v1/codes/" + id).status()).isEqualTo(403);
    }

    private long insert(long userId, String title, boolean isPublic, String tags, long at) {
        return jdbc.sql("""
                INSERT INTO code_library (user_id, title, description, code, language, is_public, tags, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(userId, title, "about " + title, "print('" + title + "')\n", "python", isPublic, tags, at, at)
                .query(Long.class).single();
    }

    private static long userId(ApiClient user) {
        return user.get("/users/me").json().get("id").asLong();
    }

    private static String key(ApiClient user, List<String> scopes) {
        ApiClient.Response created = user.postJson("/api-keys", Map.of("key_name", "codes " + scopes, "scopes", scopes));
        if (created.status() != 200) {
            throw new IllegalStateException("creating a key failed: " + created.status() + " " + created.body());
        }
        return created.json().get("api_key").asString();
    }
}
