package io.coderunner.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What administrators do with users, and that no one else can. */
class AdminUsersApiTests extends ServerTest {

    @Test
    void theFirstStartMadeTheAdministratorWithTheConfiguredPassword() {
        JsonNode me = admin().get("/users/me").json();
        assertThat(me.get("username").asString()).isEqualTo("admin");
        assertThat(me.get("is_admin").asBoolean()).isTrue();
        assertThat(me.get("user_level").asInt()).isEqualTo(4);
    }

    @Test
    void onlyAdministratorsListAndManageUsers() {
        ApiClient user = newUser("plain");
        assertThat(user.get("/users").status()).isEqualTo(403);
        assertThat(api.get("/users").status()).isEqualTo(401);
        assertThat(user.postJson("/admin/users", Map.of("username", "x", "email", "x@example.com", "password", "pass-word-1"))
                .status()).isEqualTo(403);

        ApiClient admin = admin();
        // Other test classes share this server: look through every page.
        assertThat(admin.get("/users?limit=500").json().toString()).contains("\"username\":\"plain\"");
    }

    @Test
    void administratorsCreateUpdateAndDeleteUsers() {
        ApiClient admin = admin();
        ApiClient.Response created = admin.postJson("/admin/users", Map.of("username", "premium", "email", "premium@example.com",
                "password", "premium-pass-1", "user_level", 3, "full_name", "Pat Premium"));
        assertThat(created.status()).isEqualTo(200);
        long id = created.json().get("id").asLong();
        assertThat(created.json().get("user_level").asInt()).isEqualTo(3);

        ApiClient.Response badLevel = admin.putJson("/admin/users/" + id, Map.of("user_level", 9));
        assertThat(badLevel.status()).isEqualTo(400);
        assertThat(badLevel.detail()).contains("user_level must be one of [1, 2, 3, 4]");

        ApiClient.Response updated = admin.putJson("/admin/users/" + id, Map.of("user_level", 2, "email", "pat@example.com"));
        assertThat(updated.json().get("user_level").asInt()).isEqualTo(2);
        assertThat(updated.json().get("email").asString()).isEqualTo("pat@example.com");

        assertThat(admin.postJson("/admin/users/" + id + "/change-password", Map.of("new_password", "reset-by-admin-7")).status())
                .isEqualTo(200);
        assertThat(api.withToken(login("premium", "reset-by-admin-7")).get("/users/me").status()).isEqualTo(200);

        assertThat(admin.delete("/admin/users/" + id).status()).isEqualTo(200);
        assertThat(admin.delete("/admin/users/" + id).status()).isEqualTo(404);
        assertThat(api.postJson("/login", Map.of("username", "premium", "password", "reset-by-admin-7")).status()).isEqualTo(401);
    }

    @Test
    void aDisabledAccountCanNeitherSignInNorUseItsTokens() {
        ApiClient user = newUser("disabled");
        long id = user.get("/users/me").json().get("id").asLong();
        assertThat(admin().putJson("/admin/users/" + id, Map.of("is_active", false)).status()).isEqualTo(200);

        ApiClient.Response withToken = user.get("/users/me");
        assertThat(withToken.status()).isEqualTo(401);
        ApiClient.Response signIn = api.postJson("/login", Map.of("username", "disabled", "password", "password-disabled-1"));
        assertThat(signIn.status()).isEqualTo(403);
        assertThat(signIn.detail()).contains("disabled");
    }

    @Test
    void administratorsCannotLockThemselvesOut() {
        ApiClient admin = admin();
        long id = admin.get("/users/me").json().get("id").asLong();
        assertThat(admin.putJson("/admin/users/" + id, Map.of("is_admin", false)).status()).isEqualTo(400);
        assertThat(admin.delete("/admin/users/" + id).status()).isEqualTo(400);
    }

    @Test
    void everyChangeIsInTheSystemLogAndUsersSeeOnlyTheirOwn() {
        ApiClient user = newUser("audited");
        user.postJson("/change-password", Map.of("old_password", "password-audited-1", "new_password", "audited-new-2"));
        ApiClient again = api.withToken(login("audited", "audited-new-2"));

        JsonNode mine = again.get("/profile/logs").json();
        assertThat(mine.get("total").asLong()).isGreaterThanOrEqualTo(3);
        for (JsonNode entry : mine.get("logs")) {
            assertThat(entry.get("username").asString()).isEqualTo("audited");
        }
        assertThat(again.get("/profile/logs/actions").json().toString()).contains("register", "login", "change_password");
        assertThat(again.get("/admin/logs").status()).isEqualTo(403);

        ApiClient admin = admin();
        JsonNode logs = admin.get("/admin/logs?action=change_password").json();
        assertThat(logs.toString()).contains("\"username\":\"audited\"").contains("\"ip_address\":\"127.0.0.1\"");
        assertThat(logs.toString()).doesNotContain("audited-new-2");
        JsonNode stats = admin.get("/admin/logs/stats").json();
        assertThat(stats.get("total_logs").asLong()).isGreaterThan(0);
        assertThat(stats.get("by_action").has("login")).isTrue();
        assertThat(admin.get("/admin/logs/actions").json().toString()).contains("register");
        assertThat(admin.get("/admin/logs/resource-types").json().toString()).contains("user");
        assertThat(admin.get("/admin/logs?start_date=yesterday").status()).isEqualTo(400);
        assertThat(admin.get("/admin/logs?start_date=2000-01-01&limit=5").json().size()).isLessThanOrEqualTo(5);
    }
}
