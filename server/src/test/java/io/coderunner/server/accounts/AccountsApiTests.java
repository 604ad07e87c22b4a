package io.coderunner.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import io.coderunner.server.system.CodeRunnerSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import tools.jackson.databind.JsonNode;

/** Registration, sign-in, tokens and passwords through the real HTTP API. */
class AccountsApiTests extends ServerTest {

    @Autowired
    CodeRunnerSettings settings;

    @Test
    void registerAnswersTheSeedsUserResponse() {
        ApiClient.Response response = api.postJson("/register", Map.of("username", "grace", "email", "grace@example.com",
                "password", "cobol-1959", "full_name", "Grace Hopper"));

        assertThat(response.status()).isEqualTo(200);
        JsonNode user = response.json();
        assertThat(user.get("username").asString()).isEqualTo("grace");
        assertThat(user.get("email").asString()).isEqualTo("grace@example.com");
        assertThat(user.get("full_name").asString()).isEqualTo("Grace Hopper");
        assertThat(user.get("is_active").asBoolean()).isTrue();
        assertThat(user.get("is_admin").asBoolean()).isFalse();
        assertThat(user.get("user_level").asInt()).isEqualTo(1);
        assertThat(user.get("created_at").asString()).endsWith("Z");
        assertThat(user.has("hashed_password")).isFalse();
        assertThat(response.body()).doesNotContain("cobol-1959");
    }

    @Test
    void registrationRefusesTakenNamesWeakPasswordsAndBadAddresses() {
        newUser("linus");
        assertThat(api.postJson("/register", Map.of("username", "LINUS", "email", "other@example.com", "password", "kernel-1991")))
                .satisfies(r -> assertThat(r.status()).isEqualTo(409))
                .satisfies(r -> assertThat(r.detail()).contains("username 'LINUS' is already taken"));
        assertThat(api.postJson("/register", Map.of("username", "linus2", "email", "LINUS@example.com", "password", "kernel-1991")))
                .satisfies(r -> assertThat(r.status()).isEqualTo(409))
                .satisfies(r -> assertThat(r.detail()).contains("already registered"));
        ApiClient.Response weak = api.postJson("/register", Map.of("username", "weak", "email", "weak@example.com", "password", "short"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.detail()).contains("password must be 8 to 128 characters");
        assertThat(api.postJson("/register", Map.of("username", "mail", "email", "not-an-address", "password", "good-pass-1"))
                .detail()).contains("email must be an e-mail address");
        assertThat(api.postJson("/register", Map.of("username", "a/b", "email", "ab@example.com", "password", "good-pass-1"))
                .detail()).contains("username must be");
    }

    @Test
    void signInWithJsonOrFormAndReadOneself() {
        newUser("alan");
        ApiClient.Response json = api.postJson("/login", Map.of("username", "alan", "password", "password-alan-1"));
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.json().get("token_type").asString()).isEqualTo("bearer");
        assertThat(json.json().get("expires_in").asLong()).isEqualTo(1800);
        assertThat(json.json().get("refresh_token").asString()).startsWith("rt_");

        ApiClient.Response form = api.postForm("/login", Map.of("username", "alan@example.com", "password", "password-alan-1"));
        assertThat(form.status()).isEqualTo(200);

        ApiClient.Response me = api.withToken(form.json().get("access_token").asString()).get("/users/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("username").asString()).isEqualTo("alan");
    }

    @Test
    void wrongPasswordsAndBadTokensAreRefused() {
        newUser("barbara");
        ApiClient.Response wrong = api.postJson("/login", Map.of("username", "barbara", "password", "not-the-password-1"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.detail()).isEqualTo("wrong username or password");
        assertThat(api.postJson("/login", Map.of("username", "nobody-here", "password", "whatever-1")).status()).isEqualTo(401);

        String token = login("barbara", "password-barbara-1");
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        ApiClient.Response bad = api.withToken(tampered).get("/users/me");
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.detail()).contains("not valid");
        assertThat(api.withToken("garbage").get("/users/me").status()).isEqualTo(401);
        assertThat(api.get("/users/me").status()).isEqualTo(401);
    }

    @Test
    void anExpiredTokenIsRefusedAsExpired() throws Exception {
        ApiClient user = newUser("expired");
        long id = user.get("/users/me").json().get("id").asLong();
        String secret = Files.readString(settings.dataDir().resolve("jwt-secret"), StandardCharsets.UTF_8).strip();
        NimbusJwtEncoder encoder = NimbusJwtEncoder.withSecretKey(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256")).build();
        Instant past = Instant.now().minusSeconds(3600);
        String expired = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), JwtClaimsSet.builder()
                .subject(Long.toString(id)).claim("issued_ms", past.toEpochMilli()).issuedAt(past)
                .expiresAt(past.plusSeconds(1800)).build())).getTokenValue();

        ApiClient.Response response = api.withToken(expired).get("/users/me");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.detail()).contains("access token expired");
    }

    @Test
    void fiveWrongPasswordsLockTheAccountEvenAgainstTheRightOne() {
        long id = newUser("locked").get("/users/me").json().get("id").asLong();
        for (int i = 0; i < 5; i++) {
            assertThat(api.postJson("/login", Map.of("username", "locked", "password", "wrong-guess-" + i)).status()).isEqualTo(401);
        }
        ApiClient.Response right = api.postJson("/login", Map.of("username", "locked", "password", "password-locked-1"));
        assertThat(right.status()).isEqualTo(423);
        assertThat(right.detail()).contains("account is locked").contains("until");

        JsonNode logs = admin().get("/admin/logs?action=login&status=failure&user_id=" + id).json();
        assertThat(logs.toString()).contains("account locked until").contains("\"username\":\"locked\"");
    }

    @Test
    void refreshTokensRotateAndAReplayEndsTheWholeSignIn() {
        newUser("rotate");
        JsonNode first = api.postJson("/login", Map.of("username", "rotate", "password", "password-rotate-1")).json();
        String refresh1 = first.get("refresh_token").asString();

        ApiClient.Response second = api.postJson("/refresh", Map.of("refresh_token", refresh1));
        assertThat(second.status()).isEqualTo(200);
        String refresh2 = second.json().get("refresh_token").asString();
        assertThat(refresh2).isNotEqualTo(refresh1);
        assertThat(api.withToken(second.json().get("access_token").asString()).get("/users/me").status()).isEqualTo(200);

        ApiClient.Response replay = api.postJson("/refresh", Map.of("refresh_token", refresh1));
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.detail()).contains("already used");
        ApiClient.Response afterReplay = api.postJson("/refresh", Map.of("refresh_token", refresh2));
        assertThat(afterReplay.status()).isEqualTo(401);
        assertThat(afterReplay.detail()).contains("revoked");
    }

    @Test
    void logoutRevokesTheRefreshToken() {
        newUser("leaver");
        String refresh = api.postJson("/login", Map.of("username", "leaver", "password", "password-leaver-1")).json()
                .get("refresh_token").asString();
        assertThat(api.postJson("/logout", Map.of("refresh_token", refresh)).status()).isEqualTo(200);
        ApiClient.Response after = api.postJson("/refresh", Map.of("refresh_token", refresh));
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.detail()).contains("revoked");
        assertThat(api.postJson("/refresh", Map.of("refresh_token", "rt_made-up")).status()).isEqualTo(401);
    }

    @Test
    void changingThePasswordEndsOlderSessions() {
        ApiClient user = newUser("changer");
        ApiClient.Response wrong = user.postJson("/change-password", Map.of("old_password", "not-it-123", "new_password", "new-secret-99"));
        assertThat(wrong.status()).isEqualTo(401);
        ApiClient.Response weak = user.postJson("/change-password", Map.of("old_password", "password-changer-1", "new_password", "x"));
        assertThat(weak.status()).isEqualTo(400);

        assertThat(user.postJson("/change-password", Map.of("old_password", "password-changer-1", "new_password", "new-secret-99"))
                .status()).isEqualTo(200);
        ApiClient.Response old = user.get("/users/me");
        assertThat(old.status()).isEqualTo(401);
        assertThat(old.detail()).contains("revoked");
        assertThat(api.postJson("/login", Map.of("username", "changer", "password", "password-changer-1")).status()).isEqualTo(401);
        assertThat(api.withToken(login("changer", "new-secret-99")).get("/users/me").status()).isEqualTo(200);
    }

    @Test
    void userLevelsAreTheSeedsFigures() {
        JsonNode levels = api.get("/user-levels").json();
        assertThat(levels.get("1").get("name").asString()).isEqualTo("Free");
        assertThat(levels.get("1").get("daily_executions").asInt()).isEqualTo(10);
        assertThat(levels.get("1").get("daily_api_calls").asInt()).isEqualTo(20);
        assertThat(levels.get("1").get("max_execution_time").asInt()).isEqualTo(30);
        assertThat(levels.get("1").get("max_memory_mb").asInt()).isEqualTo(128);
        assertThat(levels.get("1").get("max_saved_codes").asInt()).isEqualTo(5);
        assertThat(levels.get("1").get("max_api_keys").asInt()).isEqualTo(2);
        assertThat(levels.get("2").get("daily_executions").asInt()).isEqualTo(50);
        assertThat(levels.get("3").get("max_memory_mb").asInt()).isEqualTo(512);
        assertThat(levels.get("4").get("name").asString()).isEqualTo("Enterprise");
        assertThat(levels.get("4").get("daily_executions").asInt()).isEqualTo(-1);
        assertThat(levels.get("4").get("max_execution_time").asInt()).isEqualTo(300);
        JsonNode sandboxes = levels.get("1").get("sandboxes");
        assertThat(sandboxes.get("started").asInt()).isEqualTo(1);
        assertThat(sandboxes.get("total").asInt()).isEqualTo(3);
        assertThat(sandboxes.get("memory_mb").asInt()).isEqualTo(512);
        assertThat(levels.get("4").get("sandboxes").get("started").asInt()).isEqualTo(20);
    }

    @Test
    void responsesCarryTheHardeningHeaders() {
        ApiClient.Response response = api.get("/health");
        assertThat(response.header("Content-Security-Policy")).contains("default-src 'self'").contains("frame-ancestors 'none'");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.header("Permissions-Policy")).contains("camera=()");
    }

    static String decodePayload(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }
}
