package io.coderunner.server.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Seed 004's 代码库管理: saving, reading, changing, deleting and copying code, and who may do which. */
class CodeLibraryApiTests extends ServerTest {

    @Autowired
    CodeLibrary library;

    @Test
    void savedCodeAnswersTheSeedsResponseWithItsDefaults() {
        ApiClient user = newUser("lib-create");
        long userId = userId(user);

        ApiClient.Response created = user.postJson("/code-library", Map.of("title", "  Hello  ", "description", "says hello",
                "code", "print('hello')\n", "tags", List.of(" demo ", "demo", "Demo", "", "intro"), "environment_id", 7));

        assertThat(created.status()).isEqualTo(200);
        JsonNode code = created.json();
        assertThat(code.get("id").asLong()).isPositive();
        assertThat(code.get("user_id").asLong()).isEqualTo(userId);
        assertThat(code.get("title").asString()).isEqualTo("Hello");
        assertThat(code.get("description").asString()).isEqualTo("says hello");
        assertThat(code.get("code").asString()).isEqualTo("print('hello')\n");
        assertThat(code.get("language").asString()).isEqualTo("python");
        assertThat(code.get("is_public").asBoolean()).isFalse();
        assertThat(code.get("tags").toString()).isEqualTo("[\"demo\",\"intro\"]");
        assertThat(code.get("environment_id").asLong()).isEqualTo(7);
        assertThat(code.get("created_at").asString()).endsWith("Z").isEqualTo(code.get("updated_at").asString());
        assertThat(user.get("/code-library/" + code.get("id").asLong()).json()).isEqualTo(code);

        JsonNode aliased = user.postJson("/code-library", Map.of("title", "shell", "code", "echo hi", "language", "sh",
                "is_public", true)).json();
        assertThat(aliased.get("language").asString()).isEqualTo("bash");
        assertThat(aliased.get("is_public").asBoolean()).isTrue();
        assertThat(aliased.get("environment_id").isNull()).isTrue();
        assertThat(aliased.get("description").isNull()).isTrue();

        assertThat(library.countOwned(userId)).isEqualTo(2);
        assertThat(library.countPublic(userId)).isEqualTo(1);
        assertThat(user.get("/profile/logs?action=create_code&resource_type=code_library").json().get("total").asLong())
                .isEqualTo(2);
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        ApiClient user = newUser("lib-bad");

        assertRefused(user.postJson("/code-library", Map.of("title", "x", "code", "x", "language", "cobol")), 400,
                "unknown language 'cobol'");
        assertRefused(user.postJson("/code-library", Map.of("title", " ", "code", "x")), 400, "title is required");
        assertRefused(user.postJson("/code-library", Map.of("title", "t".repeat(201), "code", "x")), 400,
                "title must be at most 200 characters");
        assertRefused(user.postJson("/code-library", Map.of("title", "no code")), 400, "code is required");
        assertRefused(user.postJson("/code-library", Map.of("title", "big", "code", "#".repeat(1024 * 1024 + 1))), 400,
                "code must be at most 1048576 bytes");
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            tooMany.add("tag" + i);
        }
        assertRefused(user.postJson("/code-library", Map.of("title", "tags", "code", "x", "tags", tooMany)), 400,
                "at most 20 tags");
        assertRefused(user.postJson("/code-library", Map.of("title", "tags", "code", "x", "tags", List.of("t".repeat(33)))),
                400, "at most 32");
        assertRefused(user.post("/code-library", "{\"title\": \"x\", \"code\": \"x\", \"tags\": \"one\"}"), 400,
                "malformed request body");
        assertThat(user.get("/code-library").json()).isEmpty();

        assertRefused(user.get("/code-library?sort=size"), 400, "sort must be one of updated_at, created_at, title");
        assertRefused(user.get("/code-library?order=up"), 400, "order must be asc or desc");
        assertRefused(user.get("/code-library?limit=0"), 400, "limit");
        assertThat(user.get("/code-library/abc").status()).isEqualTo(400);
        assertThat(user.get("/code-library/999999").status()).isEqualTo(404);
    }

    @Test
    void theFreeTiersSixthSavedCodeIsRefused() {
        ApiClient user = newUser("lib-limit");
        List<Long> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            ApiClient.Response created = user.postJson("/code-library", Map.of("title", "code " + i, "code", "print(" + i + ")"));
            assertThat(created.status()).isEqualTo(200);
            ids.add(created.json().get("id").asLong());
        }

        assertRefused(user.postJson("/code-library", Map.of("title", "code 6", "code", "print(6)")), 403,
                "the Free tier allows at most 5 saved codes");
        assertRefused(user.postJson("/code-library/save", Map.of("code_id", ids.getFirst())), 403,
                "the Free tier allows at most 5 saved codes");
        assertThat(user.get("/code-library").json()).hasSize(5);
        assertThat(user.get("/profile/logs?action=create_code&status=failure").json().get("total").asLong()).isEqualTo(1);

        assertThat(user.delete("/code-library/" + ids.getFirst()).status()).isEqualTo(200);
        assertThat(user.postJson("/code-library", Map.of("title", "code 6", "code", "print(6)")).status()).isEqualTo(200);
    }

    @Test
    void othersPrivateCodeIsNotFoundAndTheirPublicCodeIsReadOnly() {
        ApiClient owner = newUser("lib-owner");
        ApiClient other = newUser("lib-other");
        long hidden = create(owner, Map.of("title", "hidden", "code", "print(1)"));
        long shared = create(owner, Map.of("title", "shared", "code", "print(2)", "is_public", true));

        assertRefused(other.get("/code-library/" + hidden), 404, "code " + hidden + " not found");
        assertThat(other.get("/code-library/" + shared).json().get("title").asString()).isEqualTo("shared");

        assertRefused(other.putJson("/code-library/" + hidden, Map.of("title", "mine now")), 404, "not found");
        assertRefused(other.putJson("/code-library/" + shared, Map.of("title", "mine now")), 403,
                "only its owner may change it");
        assertRefused(other.delete("/code-library/" + hidden), 404, "not found");
        assertRefused(other.delete("/code-library/" + shared), 403, "only its owner may delete it");
        assertThat(owner.get("/code-library/" + shared).json().get("title").asString()).isEqualTo("shared");
        assertThat(owner.get("/code-library/" + hidden).status()).isEqualTo(200);

        // The library is for signed-in users: a key reads it through /api/v1/codes and cannot change it.
        String key = owner.postJson("/api-keys", Map.of("key_name", "reader")).json().get("api_key").asString();
        ApiClient program = api.withToken(key);
        assertThat(program.postJson("/code-library", Map.of("title", "by key", "code", "x")).status()).isEqualTo(403);
        assertThat(program.delete("/code-library/" + hidden).status()).isEqualTo(403);
        assertThat(api.get("/code-library").status()).isEqualTo(401);
    }

    @Test
    void anUpdateChangesOnlyTheFieldsGiven() {
        ApiClient user = newUser("lib-update");
        JsonNode before = user.postJson("/code-library", Map.of("title", "first", "description", "about it",
                "code", "print(1)", "tags", List.of("a"), "environment_id", 3)).json();
        long id = before.get("id").asLong();

        ApiClient.Response changed = user.putJson("/code-library/" + id, Map.of("code", "echo 2", "language", "bash",
                "is_public", true, "tags", List.of("b", " c ")));

        assertThat(changed.status()).isEqualTo(200);
        JsonNode after = changed.json();
        assertThat(after.get("title").asString()).isEqualTo("first");
        assertThat(after.get("description").asString()).isEqualTo("about it");
        assertThat(after.get("code").asString()).isEqualTo("echo 2");
        assertThat(after.get("language").asString()).isEqualTo("bash");
        assertThat(after.get("is_public").asBoolean()).isTrue();
        assertThat(after.get("tags").toString()).isEqualTo("[\"b\",\"c\"]");
        assertThat(after.get("environment_id").asLong()).isEqualTo(3);
        assertThat(after.get("created_at").asString()).isEqualTo(before.get("created_at").asString());
        assertThat(after.get("updated_at").asString()).isGreaterThan(before.get("updated_at").asString());
        assertThat(user.get("/code-library/" + id).json()).isEqualTo(after);

        Map<String, Object> clear = new HashMap<>();
        clear.put("description", null);
        clear.put("environment_id", null);
        JsonNode cleared = user.putJson("/code-library/" + id, clear).json();
        assertThat(cleared.get("description").isNull()).isTrue();
        assertThat(cleared.get("environment_id").isNull()).isTrue();
        assertThat(cleared.get("title").asString()).isEqualTo("first");

        assertRefused(user.putJson("/code-library/" + id, Map.of("language", "cobol")), 400, "unknown language 'cobol'");
        assertRefused(user.putJson("/code-library/" + id, Map.of("title", "")), 400, "title is required");
        assertRefused(user.putJson("/code-library/" + id, Collections.singletonMap("code", null)), 400, "code is required");
        assertRefused(user.putJson("/code-library/999999", Map.of("title", "x")), 404, "not found");
        assertThat(user.get("/code-library/" + id).json().get("code").asString()).isEqualTo("echo 2");
        assertThat(user.get("/profile/logs?action=update_code").json().get("total").asLong()).isEqualTo(2);
    }

    @Test
    void deletingKeepsTheRunsOfTheCode() {
        ApiClient user = newUser("lib-delete");
        long id = create(user, Map.of("title", "to go", "code", "print('ran')"));
        assertThat(user.postJson("/execute", Map.of("code_library_id", id)).status()).isEqualTo(200);

        ApiClient.Response deleted = user.delete("/code-library/" + id);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("message").asString()).isEqualTo("code 'to go' deleted");
        assertThat(user.get("/code-library/" + id).status()).isEqualTo(404);
        assertThat(user.delete("/code-library/" + id).status()).isEqualTo(404);
        JsonNode runs = user.get("/executions").json();
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).get("result").asString()).isEqualTo("ran\n");
        assertThat(runs.get(0).get("code_library_id").isNull()).isTrue();
        assertThat(user.get("/profile/logs?action=delete_code").json().get("total").asLong()).isEqualTo(1);
    }

    @Test
    void aSavedProgramRunsByItsIdAndTheRunNamesIt() {
        ApiClient user = newUser("lib-run");
        long id = create(user, Map.of("title", "sum", "code", "print(sum(range(5)))"));

        ApiClient.Response run = user.postJson("/execute", Map.of("code_library_id", id));

        assertThat(run.status()).isEqualTo(200);
        assertThat(run.json().get("result").asString()).isEqualTo("10\n");
        JsonNode history = user.get("/executions").json();
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("code_library_id").asLong()).isEqualTo(id);
        assertThat(history.get(0).get("code").asString()).isEqualTo("print(sum(range(5)))");

        long hidden = create(newUser("lib-run-other"), Map.of("title", "hidden", "code", "print(1)"));
        assertThat(user.postJson("/execute", Map.of("code_library_id", hidden)).status()).isEqualTo(404);
    }

    @Test
    void searchFilterSortAndPages() {
        ApiClient user = newUser("lib-search");
        long alpha = create(user, Map.of("title", "Alpha sort", "code", "print('QuickSort')", "tags", List.of("algo")));
        long beta = create(user, Map.of("title", "beta", "description", "a quicksort in bash", "code", "echo b",
                "language", "bash", "tags", List.of("algo", "shell")));
        long gamma = create(user, Map.of("title", "Gamma", "code", "print('100%_done')", "tags", List.of("misc")));
        create(newUser("lib-search-other"), Map.of("title", "quicksort too", "code", "x", "is_public", true));
        user.putJson("/code-library/" + alpha, Map.of("description", "touched last"));

        assertThat(ids(user.get("/code-library"))).containsExactly(alpha, gamma, beta);
        assertThat(ids(user.get("/code-library?sort=created_at"))).containsExactly(gamma, beta, alpha);
        assertThat(ids(user.get("/code-library?sort=created_at&order=asc"))).containsExactly(alpha, beta, gamma);
        assertThat(ids(user.get("/code-library?sort=title&order=asc"))).containsExactly(alpha, beta, gamma);
        assertThat(ids(user.get("/code-library?sort=title&order=desc"))).containsExactly(gamma, beta, alpha);

        assertThat(ids(user.get("/code-library?search=QUICKSORT&sort=title&order=asc"))).containsExactly(alpha, beta);
        assertThat(ids(user.get("/code-library?search=touched"))).containsExactly(alpha);
        assertThat(ids(user.get("/code-library?search=%25_"))).containsExactly(gamma);
        assertThat(ids(user.get("/code-library?search=%25x"))).isEmpty();
        assertThat(ids(user.get("/code-library?language=bash"))).containsExactly(beta);
        assertThat(ids(user.get("/code-library?language=sh"))).containsExactly(beta);
        assertThat(ids(user.get("/code-library?tag=algo&sort=title&order=asc"))).containsExactly(alpha, beta);
        assertThat(ids(user.get("/code-library?tag=ALGO&language=python"))).containsExactly(alpha);
        assertThat(ids(user.get("/code-library?tag=alg"))).isEmpty();

        assertThat(ids(user.get("/code-library?sort=title&order=asc&skip=1&limit=1"))).containsExactly(beta);
        assertThat(ids(user.get("/code-library?skip=3"))).isEmpty();
    }

    @Test
    void aPublicEntryIsSavedAsAPrivateCopy() {
        ApiClient author = newUser("lib-author");
        ApiClient reader = newUser("lib-reader");
        long readerId = userId(reader);
        long shared = create(author, Map.of("title", "shared", "description", "worth keeping", "code", "echo shared",
                "language", "bash", "tags", List.of("x", "y"), "is_public", true, "environment_id", 4));
        long hidden = create(author, Map.of("title", "hidden", "code", "print(1)"));

        ApiClient.Response saved = reader.postJson("/code-library/save", Map.of("code_id", shared));

        assertThat(saved.status()).isEqualTo(200);
        JsonNode body = saved.json();
        assertThat(body.get("message").asString()).isNotBlank();
        JsonNode copy = body.get("code");
        assertThat(body.get("code_id").asLong()).isEqualTo(copy.get("id").asLong()).isNotEqualTo(shared);
        assertThat(copy.get("user_id").asLong()).isEqualTo(readerId);
        assertThat(copy.get("title").asString()).isEqualTo("shared");
        assertThat(copy.get("code").asString()).isEqualTo("echo shared");
        assertThat(copy.get("language").asString()).isEqualTo("bash");
        assertThat(copy.get("tags").toString()).isEqualTo("[\"x\",\"y\"]");
        assertThat(copy.get("is_public").asBoolean()).isFalse();
        assertThat(reader.get("/code-library/" + copy.get("id").asLong()).status()).isEqualTo(200);
        assertThat(newUser("lib-third").get("/code-library/" + copy.get("id").asLong()).status()).isEqualTo(404);

        JsonNode renamed = reader.postJson("/code-library/save", Map.of("code_library_id", shared, "title", "my copy")).json();
        assertThat(renamed.get("code").get("title").asString()).isEqualTo("my copy");
        assertThat(ids(reader.get("/code-library"))).hasSize(2);
        // The author's entry is untouched by the copies.
        assertThat(author.get("/code-library/" + shared).json().get("is_public").asBoolean()).isTrue();

        assertRefused(reader.postJson("/code-library/save", Map.of("code_id", hidden)), 404, "code " + hidden + " not found");
        assertRefused(reader.postJson("/code-library/save", Map.of()), 400, "code_id is required");
        assertRefused(reader.postJson("/code-library/save", Map.of("code_id", shared, "title", " ")), 400, "title is required");
        assertThat(reader.get("/profile/logs?action=save_shared_code&resource_type=code_library").json().get("total").asLong())
                .isEqualTo(2);
    }

    @Test
    void aUsersLibraryShowsOthersOnlyItsPublicEntries() {
        ApiClient owner = newUser("lib-shown");
        long ownerId = userId(owner);
        long first = create(owner, Map.of("title", "first public", "code", "print(1)", "is_public", true));
        long secret = create(owner, Map.of("title", "secret", "code", "print(2)"));
        long second = create(owner, Map.of("title", "second public", "code", "print(3)", "is_public", true));
        ApiClient visitor = newUser("lib-visitor");

        JsonNode seen = visitor.get("/users/" + ownerId + "/code-library").json();
        assertThat(seen.get("total").asLong()).isEqualTo(2);
        assertThat(seen.get("skip").asInt()).isZero();
        assertThat(seen.get("limit").asInt()).isEqualTo(20);
        assertThat(ids(seen.get("codes"))).containsExactly(second, first);

        JsonNode own = owner.get("/users/" + ownerId + "/code-library").json();
        assertThat(own.get("total").asLong()).isEqualTo(3);
        assertThat(ids(own.get("codes"))).containsExactly(second, secret, first);

        JsonNode paged = visitor.get("/users/" + ownerId + "/code-library?skip=1&limit=1").json();
        assertThat(paged.get("total").asLong()).isEqualTo(2);
        assertThat(ids(paged.get("codes"))).containsExactly(first);
        assertThat(ids(visitor.get("/users/" + ownerId + "/code-library?search=SECRET").json().get("codes"))).isEmpty();

        assertRefused(visitor.get("/users/999999/code-library"), 404, "user 999999 not found");
        // Someone without an account sees what any other user sees.
        assertThat(ids(api.get("/users/" + ownerId + "/code-library").json().get("codes"))).containsExactly(second, first);
    }

    private static long create(ApiClient user, Map<String, Object> body) {
        ApiClient.Response created = user.postJson("/code-library", body);
        if (created.status() != 200) {
            throw new IllegalStateException("saving code failed: " + created.status() + " " + created.body());
        }
        return created.json().get("id").asLong();
    }

    private static List<Long> ids(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return ids(response.json());
    }

    private static List<Long> ids(JsonNode list) {
        List<Long> ids = new ArrayList<>();
        list.forEach(entry -> ids.add(entry.get("id").asLong()));
        return ids;
    }

    private static void assertRefused(ApiClient.Response response, int status, String detail) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.detail()).contains(detail);
    }

    private static long userId(ApiClient user) {
        return user.get("/users/me").json().get("id").asLong();
    }
}
