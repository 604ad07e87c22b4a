package io.coderunner.server.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A public program is reachable by its link without an account, and everyone's are listed for browsing. */
class PublicProgramsApiTests extends ServerTest {

    @Test
    void aVisitorReadsAPublicProgramByItsIdButNotAPrivateOne() {
        ApiClient owner = newUser("share-owner");
        long shared = create(owner, Map.of("title", "Shared", "code", "print('shared')", "is_public", true));
        long secret = create(owner, Map.of("title", "Secret", "code", "print('secret')"));

        ApiClient.Response read = api.get("/code-library/" + shared);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("code").asString()).isEqualTo("print('shared')");
        assertThat(read.json().get("title").asString()).isEqualTo("Shared");

        // Private and missing look the same to a visitor: nothing says the entry exists.
        assertRefused(api.get("/code-library/" + secret), 404, "code " + secret + " not found");
        assertRefused(api.get("/code-library/99999999"), 404, "not found");
        // Reading is open; changing and copying still need an account.
        assertThat(api.putJson("/code-library/" + shared, Map.of("title", "mine now")).status()).isEqualTo(401);
        assertThat(api.postJson("/code-library/save", Map.of("code_id", shared)).status()).isEqualTo(401);
        assertThat(owner.get("/code-library/" + shared).json().get("title").asString()).isEqualTo("Shared");
    }

    @Test
    void everyonesPublicProgramsAreListedAsSummariesNewestFirst() {
        ApiClient ada = newUser("explore-ada");
        ApiClient bob = newUser("explore-bob");
        String longCode = String.join("\n", List.of("a = 1", "b = 2", "c = 3", "d = 4", "e = 5", "f = 6", "g = 7", "print(a)"));
        long adaFirst = create(ada, Map.of("title", "Ada's sums", "code", longCode, "is_public", true,
                "tags", List.of("maths"), "description", "adds numbers"));
        create(ada, Map.of("title", "Ada's private", "code", "print(0)"));
        long bobGo = create(bob, Map.of("title", "Bob's hello in Go", "code", "package main", "language", "go",
                "is_public", true));

        JsonNode page = api.get("/code-library/public?limit=50").json();
        List<Long> ids = ids(page.get("codes"));
        assertThat(ids).contains(adaFirst, bobGo);
        assertThat(ids.indexOf(bobGo)).isLessThan(ids.indexOf(adaFirst));
        for (JsonNode entry : page.get("codes")) {
            assertThat(entry.get("title").asString()).doesNotContain("private");
            assertThat(entry.has("code")).as("a list carries no whole programs").isFalse();
        }
        JsonNode sums = entry(page.get("codes"), adaFirst);
        assertThat(sums.get("username").asString()).isEqualTo(username(ada));
        assertThat(sums.get("user_id").asLong()).isEqualTo(userId(ada));
        assertThat(sums.get("preview").asString()).isEqualTo("a = 1\nb = 2\nc = 3\nd = 4\ne = 5\nf = 6");
        assertThat(sums.get("lines").asInt()).isEqualTo(8);
        assertThat(sums.get("tags").toString()).isEqualTo("[\"maths\"]");
        assertThat(sums.get("description").asString()).isEqualTo("adds numbers");
        assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(2);

        assertThat(ids(api.get("/code-library/public?language=go&search=bob's").json().get("codes"))).containsExactly(bobGo);
        assertThat(ids(api.get("/code-library/public?tag=maths&search=sums").json().get("codes"))).containsExactly(adaFirst);
        JsonNode second = api.get("/code-library/public?skip=1&limit=1").json();
        assertThat(second.get("skip").asInt()).isEqualTo(1);
        assertThat(second.get("codes")).hasSize(1);
        assertRefused(api.get("/code-library/public?sort=owner"), 400, "sort must be one of");

        // A program with a key is kept to the routes declared for keys.
        String key = ada.postJson("/api-keys", Map.of("key_name", "reader")).json().get("api_key").asString();
        assertThat(api.withToken(key).get("/code-library/public").status()).isEqualTo(403);
    }

    private static void assertRefused(ApiClient.Response response, int status, String detail) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.detail()).contains(detail);
    }

    private static long userId(ApiClient user) {
        return user.get("/users/me").json().get("id").asLong();
    }

    private static String username(ApiClient user) {
        return user.get("/users/me").json().get("username").asString();
    }

    private static JsonNode entry(JsonNode codes, long id) {
        for (JsonNode code : codes) {
            if (code.get("id").asLong() == id) {
                return code;
            }
        }
        throw new AssertionError("no entry " + id + " in " + codes);
    }

    private static List<Long> ids(JsonNode codes) {
        List<Long> ids = new ArrayList<>();
        codes.forEach(code -> ids.add(code.get("id").asLong()));
        return ids;
    }

    private static long create(ApiClient user, Map<String, Object> body) {
        ApiClient.Response created = user.postJson("/code-library", body);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json().get("id").asLong();
    }
}
