package io.coderunner.server.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Creating, listing, disabling and deleting API keys, and calling with them, through the real HTTP API. */
class ApiKeysApiTests extends ServerTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void createAnswersTheValueOnceAndTheListNever() {
        ApiClient user = newUser("keys-create");
        ApiClient.Response created = user.postJson("/api-keys", Map.of("key_name", "ci", "expires_in_days", 30));

        assertThat(created.status()).isEqualTo(200);
        JsonNode key = created.json();
        String value = key.get("api_key").asString();
        assertThat(value).startsWith("sk-").hasSizeGreaterThanOrEqualTo(43).matches("sk-[A-Za-z0-9_-]+");
        assertThat(key.get("key_name").asString()).isEqualTo("ci");
        assertThat(key.get("key_prefix").asString()).isEqualTo(value.substring(0, 10));
        assertThat(key.get("scopes").toString()).isEqualTo("[\"execute\",\"read_library\"]");
        assertThat(key.get("is_active").asBoolean()).isTrue();
        assertThat(key.get("usage_count").asLong()).isZero();
        assertThat(key.get("last_used").isNull()).isTrue();
        Instant expires = Instant.parse(key.get("expires_at").asString());
        assertThat(expires).isBetween(Instant.now().plusSeconds(29 * 86_400), Instant.now().plusSeconds(31 * 86_400));

        ApiClient.Response list = user.get("/api-keys");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json()).hasSize(1);
        JsonNode listed = list.json().get(0);
        assertThat(listed.get("id").asLong()).isEqualTo(key.get("id").asLong());
        assertThat(listed.get("key_prefix").asString()).isEqualTo(value.substring(0, 10));
        assertThat(listed.has("api_key")).isFalse();
        assertThat(list.body()).doesNotContain(value);

        String stored = jdbc.sql("SELECT key_hash FROM api_keys WHERE id = ?").param(key.get("id").asLong())
                .query(String.class).single();
        assertThat(stored).isEqualTo(sha256(value)).doesNotContain(value.substring(3));

        String logs = admin().get("/admin/logs?resource_type=api_key&limit=500").body();
        assertThat(logs).contains("create_api_key").doesNotContain(value).doesNotContain(value.substring(10));
    }

    @Test
    void aKeyAuthenticatesWithBearerOrXApiKeyAndCountsItsUses() {
        ApiClient user = newUser("keys-use");
        JsonNode key = user.postJson("/api-keys", Map.of("key_name", "both headers")).json();
        String value = key.get("api_key").asString();

        ApiClient.Response bearer = api.withToken(value).get("/api/v1/codes");
        assertThat(bearer.status()).isEqualTo(200);
        ApiClient.Response header = withXApiKey(value, "/api/v1/codes");
        assertThat(header.status()).isEqualTo(200);
        assertThat(api.withToken(value).get("/users/me").json().get("username").asString()).isEqualTo("keys-use");

        JsonNode listed = user.get("/api-keys").json().get(0);
        assertThat(listed.get("usage_count").asLong()).isEqualTo(3);
        Instant lastUsed = Instant.parse(listed.get("last_used").asString());
        assertThat(lastUsed).isAfter(Instant.now().minusSeconds(60));
    }

    @Test
    void aDisabledKeyIsRefusedUntilEnabledAgainAndADeletedOneForGood() {
        ApiClient user = newUser("keys-toggle");
        JsonNode key = user.postJson("/api-keys", Map.of("key_name", "toggled")).json();
        long id = key.get("id").asLong();
        String value = key.get("api_key").asString();

        ApiClient.Response off = user.putJson("/api-keys/" + id + "/toggle", Map.of());
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.json().get("id").asLong()).isEqualTo(id);
        assertThat(off.json().get("is_active").asBoolean()).isFalse();
        assertThat(off.json().get("message").asString()).contains("disabled");
        ApiClient.Response refused = api.withToken(value).get("/api/v1/codes");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.detail()).contains("API key is disabled");
        assertThat(user.get("/api-keys").json().get(0).get("is_active").asBoolean()).isFalse();

        ApiClient.Response on = user.putJson("/api-keys/" + id + "/toggle", Map.of());
        assertThat(on.json().get("is_active").asBoolean()).isTrue();
        assertThat(api.withToken(value).get("/api/v1/codes").status()).isEqualTo(200);

        ApiClient.Response deleted = user.delete("/api-keys/" + id);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("message").asString()).contains("deleted");
        assertThat(user.get("/api-keys").json()).isEmpty();
        ApiClient.Response gone = api.withToken(value).get("/api/v1/codes");
        assertThat(gone.status()).isEqualTo(401);
        assertThat(gone.detail()).isEqualTo("API key is not valid");
        assertThat(user.delete("/api-keys/" + id).status()).isEqualTo(404);

        String logs = admin().get("/admin/logs?resource_type=api_key&limit=500").body();
        assertThat(logs).contains("toggle_api_key").contains("delete_api_key").doesNotContain(value);
    }

    @Test
    void anExpiredKeyIsRefusedAsExpired() {
        ApiClient user = newUser("keys-expired");
        long userId = user.get("/users/me").json().get("id").asLong();
        String value = "sk-expired-key-for-tests-0123456789abcdefghijkl";
        long past = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
        jdbc.sql("""
                INSERT INTO api_keys (user_id, key_name, key_hash, key_prefix, scopes, is_active, usage_count, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(userId, "old", sha256(value), value.substring(0, 10), "execute,read_library", true, 0L, past - 1000, past)
                .update();

        ApiClient.Response refused = withXApiKey(value, "/api/v1/codes");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.detail()).isEqualTo("API key expired at 2024-01-01T00:00:00Z");
        assertThat(user.postJson("/api-keys", Map.of("key_name", "past", "expires_at", "2020-01-01")).detail())
                .contains("expires_at must be in the future");
    }

    @Test
    void aFreeUserHasAtMostTwoKeys() {
        ApiClient user = newUser("keys-limit");
        assertThat(user.postJson("/api-keys", Map.of("key_name", "one")).status()).isEqualTo(200);
        assertThat(user.postJson("/api-keys", Map.of("key_name", "two")).status()).isEqualTo(200);

        ApiClient.Response third = user.postJson("/api-keys", Map.of("key_name", "three"));
        assertThat(third.status()).isEqualTo(403);
        assertThat(third.detail()).contains("Free tier allows at most 2 API keys");
        assertThat(user.get("/api-keys").json()).hasSize(2);

        long first = user.get("/api-keys").json().get(1).get("id").asLong();
        assertThat(user.delete("/api-keys/" + first).status()).isEqualTo(200);
        assertThat(user.postJson("/api-keys", Map.of("key_name", "three")).status()).isEqualTo(200);
    }

    @Test
    void anotherUsersKeyIsNotFound() {
        ApiClient owner = newUser("keys-owner");
        long id = owner.postJson("/api-keys", Map.of("key_name", "mine")).json().get("id").asLong();
        ApiClient other = newUser("keys-other");

        ApiClient.Response toggle = other.putJson("/api-keys/" + id + "/toggle", Map.of());
        assertThat(toggle.status()).isEqualTo(404);
        assertThat(other.delete("/api-keys/" + id).status()).isEqualTo(404);
        assertThat(other.get("/api-keys").json()).isEmpty();
        assertThat(owner.get("/api-keys").json().get(0).get("is_active").asBoolean()).isTrue();
    }

    @Test
    void scopesAreCheckedWhenMadeAndWhenUsed() {
        ApiClient user = newUser("keys-scopes");
        ApiClient.Response unknown = user.postJson("/api-keys", Map.of("key_name", "bad", "scopes", List.of("execute", "admin")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.detail()).contains("unknown scope 'admin'");

        JsonNode key = user.postJson("/api-keys", Map.of("key_name", "runner", "scopes", List.of("execute"))).json();
        assertThat(key.get("scopes").toString()).isEqualTo("[\"execute\"]");
        ApiClient.Response denied = api.withToken(key.get("api_key").asString()).get("/api/v1/codes");
        assertThat(denied.status()).isEqualTo(403);
    }

    @Test
    void onlySignedInUsersManageKeys() {
        ApiClient user = newUser("keys-manage");
        String value = user.postJson("/api-keys", Map.of("key_name", "program")).json().get("api_key").asString();
        ApiClient withKey = api.withToken(value);

        assertThat(withKey.get("/api-keys").status()).isEqualTo(403);
        assertThat(withKey.postJson("/api-keys", Map.of("key_name", "more")).status()).isEqualTo(403);
        assertThat(api.get("/api-keys").status()).isEqualTo(401);
        assertThat(api.withToken("sk-made-up").get("/api-keys").detail()).isEqualTo("API key is not valid");
        assertThat(user.postJson("/api-keys", Map.of("key_name", " ")).detail()).contains("key_name is required");
    }

    private ApiClient.Response withXApiKey(String value, String path) {
        return api.send(api.request(path).header("X-API-Key", value).GET());
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
