package io.coderunner.server.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Reading and changing one's profile through the real HTTP API, and what other modules see of it. */
class ProfileApiTests extends ServerTest {

    @Autowired
    Profiles profiles;

    @Test
    void aNewUsersProfileHasTheAccountsFieldsAndTheDefaults() {
        ApiClient user = newUser("profile-new");
        ApiClient.Response response = user.get("/profile");

        assertThat(response.status()).isEqualTo(200);
        JsonNode profile = response.json();
        assertThat(profile.get("id").asLong()).isPositive();
        assertThat(profile.get("username").asString()).isEqualTo("profile-new");
        assertThat(profile.get("email").asString()).isEqualTo("profile-new@example.com");
        assertThat(profile.get("full_name").isNull()).isTrue();
        assertThat(profile.get("bio").isNull()).isTrue();
        assertThat(profile.get("avatar_url").isNull()).isTrue();
        assertThat(profile.get("website").isNull()).isTrue();
        assertThat(profile.get("location").isNull()).isTrue();
        assertThat(profile.get("github").isNull()).isTrue();
        assertThat(profile.get("profile_public").asBoolean()).isTrue();
        assertThat(profile.get("show_email").asBoolean()).isFalse();
        assertThat(profile.get("user_level").asInt()).isEqualTo(1);
        assertThat(profile.get("is_admin").asBoolean()).isFalse();
        assertThat(profile.get("created_at").asString()).endsWith("Z");
        assertThat(profile.get("updated_at").isNull()).isTrue();
    }

    @Test
    void anUpdateChangesTheGivenFieldsOnlyAndIsLogged() {
        ApiClient user = newUser("profile-edit");
        Map<String, Object> all = new HashMap<>();
        all.put("full_name", "Ada Lovelace");
        all.put("bio", "Poet of science.\nWrote the first program.");
        all.put("website", "https://example.com/ada");
        all.put("location", "London");
        all.put("github", "ada-lovelace");
        all.put("profile_public", false);
        all.put("show_email", true);
        ApiClient.Response updated = user.putJson("/profile", all);

        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        JsonNode profile = updated.json();
        assertThat(profile.get("full_name").asString()).isEqualTo("Ada Lovelace");
        assertThat(profile.get("bio").asString()).isEqualTo("Poet of science.\nWrote the first program.");
        assertThat(profile.get("website").asString()).isEqualTo("https://example.com/ada");
        assertThat(profile.get("location").asString()).isEqualTo("London");
        assertThat(profile.get("github").asString()).isEqualTo("ada-lovelace");
        assertThat(profile.get("profile_public").asBoolean()).isFalse();
        assertThat(profile.get("show_email").asBoolean()).isTrue();
        assertThat(profile.get("updated_at").asString()).endsWith("Z");
        assertThat(user.get("/profile").body()).isEqualTo(updated.body());
        assertThat(user.get("/users/me").json().get("full_name").asString()).isEqualTo("Ada Lovelace");

        JsonNode partly = user.putJson("/profile", Map.of("location", "Paris", "website", "")).json();
        assertThat(partly.get("location").asString()).isEqualTo("Paris");
        assertThat(partly.get("website").isNull()).isTrue();
        assertThat(partly.get("full_name").asString()).isEqualTo("Ada Lovelace");
        assertThat(partly.get("github").asString()).isEqualTo("ada-lovelace");
        assertThat(partly.get("profile_public").asBoolean()).isFalse();

        JsonNode logs = user.get("/profile/logs?action=update_profile").json();
        assertThat(logs.toString()).contains("update_profile").contains("full_name").contains("location");
    }

    @Test
    void badValuesAreRefusedNamingTheFieldAndChangeNothing() {
        ApiClient user = newUser("profile-bad");
        user.putJson("/profile", Map.of("bio", "before", "location", "Oslo"));

        assertRefused(user, Map.of("bio", "x".repeat(1001)), "bio", "1000");
        assertRefused(user, Map.of("website", "javascript:alert(1)"), "website", "http");
        assertRefused(user, Map.of("website", "ftp://example.com"), "website", "http");
        assertRefused(user, Map.of("website", "not a url"), "website", "http");
        assertRefused(user, Map.of("website", "https://example.com/" + "a".repeat(200)), "website", "200");
        assertRefused(user, Map.of("location", "x".repeat(101)), "location", "100");
        assertRefused(user, Map.of("location", "line\nbreak"), "location", "control");
        assertRefused(user, Map.of("bio", "nul\u0000byte"), "bio", "control");
        assertRefused(user, Map.of("github", "-leading"), "github", "GitHub");
        assertRefused(user, Map.of("github", "two--hyphens"), "github", "GitHub");
        assertRefused(user, Map.of("github", "has space"), "github", "GitHub");
        assertRefused(user, Map.of("github", "x".repeat(40)), "github", "39");
        assertRefused(user, Map.of("full_name", "x".repeat(101)), "full_name", "100");
        // One bad field among good ones: none of them is changed.
        assertRefused(user, Map.of("bio", "after", "location", "Bergen", "website", "mailto:ada@example.com"), "website", "http");
        ApiClient.Response typo = user.putJson("/profile", Map.of("profile_public", "maybe"));
        assertThat(typo.status()).isEqualTo(400);

        JsonNode profile = user.get("/profile").json();
        assertThat(profile.get("bio").asString()).isEqualTo("before");
        assertThat(profile.get("location").asString()).isEqualTo("Oslo");
        assertThat(profile.get("website").isNull()).isTrue();
        assertThat(profile.get("profile_public").asBoolean()).isTrue();
    }

    @Test
    void anonymousCallersAndApiKeysAreRefused() {
        assertThat(api.get("/profile").status()).isEqualTo(401);
        assertThat(api.putJson("/profile", Map.of("bio", "x")).status()).isEqualTo(401);
        assertThat(api.postMultipart("/profile/upload-avatar", "file", "a.png", "image/png", Avatars.png(8, 8)).status())
                .isEqualTo(401);
        assertThat(api.delete("/profile/avatar").status()).isEqualTo(401);

        ApiClient user = newUser("profile-key");
        String key = user.postJson("/api-keys", Map.of("key_name", "bot")).json().get("api_key").asString();
        ApiClient program = api.withToken(key);
        assertThat(program.get("/profile").status()).isEqualTo(200);
        assertThat(program.putJson("/profile", Map.of("bio", "set by a program")).status()).isEqualTo(403);
        assertThat(program.postMultipart("/profile/upload-avatar", "file", "a.png", "image/png", Avatars.png(8, 8)).status())
                .isEqualTo(403);
    }

    @Test
    void otherModulesSeeTheSummary() {
        ApiClient user = newUser("profile-summary");
        long id = user.get("/profile").json().get("id").asLong();
        user.putJson("/profile", Map.of("full_name", "Grace Hopper", "bio", "Admiral", "profile_public", false));
        String avatar = user.postMultipart("/profile/upload-avatar", "file", "g.png", "image/png", Avatars.png(20, 20))
                .json().get("avatar_url").asString();

        ProfileSummary summary = profiles.summary(id).orElseThrow();
        assertThat(summary).isEqualTo(new ProfileSummary(id, "profile-summary", "Grace Hopper", "Admiral", avatar, false));
        assertThat(profiles.summary(999_999)).isEmpty();
    }

    private static void assertRefused(ApiClient user, Map<String, Object> body, String field, String hint) {
        ApiClient.Response response = user.putJson("/profile", body);
        assertThat(response.status()).as(body + " -> " + response.body()).isEqualTo(400);
        assertThat(response.detail()).as(body.toString()).startsWith(field).contains(hint);
    }
}
