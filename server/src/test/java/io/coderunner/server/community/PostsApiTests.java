package io.coderunner.server.community;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Posts through the real HTTP API: writing, reading, listing with filters, deleting, likes and favourites. */
class PostsApiTests extends CommunityTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPostIsAnsweredWithItsAuthorItsRenderedContentAndTheCallersState() {
        ApiClient ada = newUser("posts-ada");
        long adaId = userId(ada);
        JsonNode post = createPost(ada, post("  Hello world  ", "# Title\n\nSome **bold** text and `code`.",
                "code_snippet", "print('hi')", "code_language", "python", "tags", List.of("Python", " beginner ", "python")));

        assertThat(post.get("id").asLong()).isPositive();
        assertThat(post.get("user_id").asLong()).isEqualTo(adaId);
        assertThat(post.get("author").get("id").asLong()).isEqualTo(adaId);
        assertThat(post.get("author").get("username").asString()).isEqualTo("posts-ada");
        assertThat(post.get("author").has("full_name")).isTrue();
        assertThat(post.get("author").has("email")).isFalse();
        assertThat(post.get("title").asString()).isEqualTo("Hello world");
        assertThat(post.get("content").asString()).isEqualTo("# Title\n\nSome **bold** text and `code`.");
        assertThat(post.get("content_html").asString())
                .isEqualTo("<h1>Title</h1>\n<p>Some <strong>bold</strong> text and <code>code</code>.</p>\n");
        assertThat(post.get("code_snippet").asString()).isEqualTo("print('hi')");
        assertThat(post.get("code_language").asString()).isEqualTo("python");
        assertThat(post.get("tags").toString()).isEqualTo("[\"python\",\"beginner\"]");
        assertThat(post.get("is_public").asBoolean()).isTrue();
        assertThat(post.get("like_count").asLong()).isZero();
        assertThat(post.get("favorite_count").asLong()).isZero();
        assertThat(post.get("comment_count").asLong()).isZero();
        assertThat(post.get("liked").asBoolean()).isFalse();
        assertThat(post.get("favorited").asBoolean()).isFalse();
        assertThat(Instant.parse(post.get("created_at").asString())).isAfter(Instant.now().minusSeconds(60));
        assertThat(post.get("updated_at").asString()).isEqualTo(post.get("created_at").asString());

        ApiClient bob = newUser("posts-bob");
        JsonNode read = bob.get("/community/posts/" + post.get("id").asLong()).json();
        assertThat(read.get("title").asString()).isEqualTo("Hello world");
        assertThat(read.get("content_html").asString()).contains("<strong>bold</strong>");

        String logs = admin().get("/admin/logs?resource_type=post&limit=500").body();
        assertThat(logs).contains("create_post").contains("Hello world");
    }

    @Test
    void badPostsAreRefusedNamingTheProblem() {
        ApiClient user = newUser("posts-bad");
        assertThat(user.postJson("/community/posts", post(" ", "x")).detail()).contains("title must be 1 to 200 characters");
        assertThat(user.postJson("/community/posts", post("t".repeat(201), "x")).detail()).contains("title must be 1 to 200");
        assertThat(user.postJson("/community/posts", Map.of("title", "t")).detail()).contains("content is required");
        ApiClient.Response big = user.postJson("/community/posts", post("big", "x".repeat(100 * 1024 + 1)));
        assertThat(big.status()).isEqualTo(400);
        assertThat(big.detail()).contains("content must be at most 102400 bytes");
        assertThat(user.postJson("/community/posts", post("ok", "x".repeat(100 * 1024))).status()).isEqualTo(200);
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            tags.add("t" + i);
        }
        assertThat(user.postJson("/community/posts", post("t", "x", "tags", tags)).detail()).contains("at most 10 tags");
        assertThat(user.postJson("/community/posts", post("t", "x", "tags", List.of("a\"b"))).detail()).contains("quotes");
        assertThat(user.postJson("/community/posts", post("t", "x", "code_language", "py thon")).detail())
                .contains("code_language");
        assertThat(user.post("/community/posts", "{\"title\": 5, \"content\": [1]}").status()).isEqualTo(400);
        assertThat(user.get("/community/posts?limit=0").status()).isEqualTo(400);
        assertThat(user.get("/community/posts/abc").status()).isEqualTo(400);
    }

    @Test
    void aVisitorWithoutAnAccountReadsPublicPostsTheirCommentsAndAuthorsButWritesNothing() {
        ApiClient erin = newUser("posts-visited");
        long erinId = userId(erin);
        long open = createPost(erin, post("Erin's open notes", "**bold** words", "tags", List.of("notes")))
                .get("id").asLong();
        long secret = createPost(erin, "erin's draft", false);
        comment(erin, open, "a first comment", null);

        JsonNode feed = api.get("/community/posts?user_id=" + erinId).json();
        assertThat(ids(feed.get("posts"))).containsExactly(open);
        JsonNode read = api.get("/community/posts/" + open).json();
        assertThat(read.get("content_html").asString()).contains("<strong>bold</strong>");
        assertThat(read.get("liked").asBoolean()).isFalse();
        assertThat(api.get("/community/posts/" + open + "/comments").json().get("total").asLong()).isEqualTo(1);
        assertThat(api.get("/users/" + erinId + "/posts").json().get("total").asLong()).isEqualTo(1);
        assertThat(api.get("/users/by-username/posts-visited").json().get("post_count").asLong()).isEqualTo(1);

        assertThat(api.get("/community/posts/" + secret).status()).isEqualTo(404);
        assertThat(api.get("/community/posts/" + secret + "/comments").status()).isEqualTo(404);
        assertThat(api.postJson("/community/posts/" + open + "/like", Map.of()).status()).isEqualTo(401);
        assertThat(api.postJson("/community/posts/" + open + "/comments", Map.of("content", "hi")).status()).isEqualTo(401);
        assertThat(api.get("/users/" + erinId + "/follow-status").status()).isEqualTo(401);
        assertThat(erin.get("/community/posts/" + open).json().get("like_count").asLong()).isZero();
    }

    @Test
    void aPrivatePostIsItsAuthorsAloneAndDoesNotExistForOthers() {
        ApiClient carol = newUser("posts-carol");
        ApiClient dave = newUser("posts-dave");
        long carolId = userId(carol);
        long secret = createPost(carol, "carol's secret", false);
        long open = createPost(carol, "carol's open post", true);

        assertThat(carol.get("/community/posts/" + secret).json().get("is_public").asBoolean()).isFalse();
        for (ApiClient.Response refused : List.of(dave.get("/community/posts/" + secret),
                dave.postJson("/community/posts/" + secret + "/like", Map.of()),
                dave.postJson("/community/posts/" + secret + "/favorite", Map.of()),
                dave.get("/community/posts/" + secret + "/comments"),
                dave.postJson("/community/posts/" + secret + "/comments", Map.of("content", "hi")),
                dave.delete("/community/posts/" + secret))) {
            assertThat(refused.status()).isEqualTo(404);
            assertThat(refused.detail()).isEqualTo("post " + secret + " not found");
        }
        assertThat(dave.get("/community/posts/999999").status()).isEqualTo(404);

        assertThat(ids(dave.get("/community/posts?user_id=" + carolId).json().get("posts"))).containsExactly(open);
        assertThat(ids(carol.get("/community/posts?user_id=" + carolId).json().get("posts"))).containsExactly(open, secret);
        JsonNode othersView = dave.get("/users/" + carolId + "/posts").json();
        assertThat(ids(othersView.get("posts"))).containsExactly(open);
        assertThat(othersView.get("total").asLong()).isEqualTo(1);
        JsonNode ownView = carol.get("/users/" + carolId + "/posts").json();
        assertThat(ids(ownView.get("posts"))).containsExactly(open, secret);
        assertThat(ownView.get("total").asLong()).isEqualTo(2);
        assertThat(dave.get("/users/999999/posts").status()).isEqualTo(404);
    }

    @Test
    void onlyTheAuthorOrAnAdministratorDeletesAPost() {
        ApiClient erin = newUser("posts-erin");
        ApiClient frank = newUser("posts-frank");
        long first = createPost(erin, "erin one", true);
        long second = createPost(erin, "erin two", false);
        comment(frank, first, "nice", null);
        frank.postJson("/community/posts/" + first + "/like", Map.of());

        ApiClient.Response refused = frank.delete("/community/posts/" + first);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.detail()).contains("only the author of post " + first + " or an administrator");
        assertThat(frank.get("/community/posts/" + first).status()).isEqualTo(200);

        ApiClient.Response deleted = erin.delete("/community/posts/" + first);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("message").asString()).isEqualTo("post " + first + " deleted");
        assertThat(erin.get("/community/posts/" + first).status()).isEqualTo(404);
        assertThat(erin.delete("/community/posts/" + first).status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM comments WHERE post_id = ?").param(first).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM post_likes WHERE post_id = ?").param(first).query(Long.class).single()).isZero();

        ApiClient admin = admin();
        assertThat(admin.delete("/community/posts/" + second).status()).isEqualTo(200);
        assertThat(erin.get("/community/posts/" + second).status()).isEqualTo(404);

        String logs = admin.get("/admin/logs?action=delete_post&limit=500").body();
        assertThat(logs).contains("erin one").contains("erin two").contains("failure");
    }

    @Test
    void theFeedIsNewestFirstAndFiltersByTagSearchAndUser() {
        ApiClient gina = newUser("posts-gina");
        ApiClient hank = newUser("posts-hank");
        long ginaId = userId(gina);
        long a = createPost(gina, post("Sorting in Rust", "quick sort, 100% safe", "tags", List.of("rust", "algorithms"))).get("id").asLong();
        long b = createPost(hank, post("Async python", "Using ASYNCIO well", "tags", List.of("Python"))).get("id").asLong();
        long c = createPost(gina, post("Gina's private draft", "asyncio notes", "tags", List.of("python"), "is_public", false))
                .get("id").asLong();

        JsonNode all = gina.get("/community/posts?limit=500").json();
        List<Long> order = ids(all.get("posts"));
        assertThat(order).containsSubsequence(c, b, a);
        assertThat(all.get("skip").asInt()).isZero();
        assertThat(all.get("limit").asInt()).isEqualTo(500);
        assertThat(all.get("total").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(ids(hank.get("/community/posts?limit=500").json().get("posts"))).contains(a, b).doesNotContain(c);

        assertThat(ids(gina.get("/community/posts?tag=PYTHON&limit=500").json().get("posts"))).contains(b, c).doesNotContain(a);
        assertThat(ids(hank.get("/community/posts?tag=python&limit=500").json().get("posts"))).contains(b).doesNotContain(a, c);
        assertThat(ids(gina.get("/community/posts?search=asyncio&limit=500").json().get("posts"))).containsExactly(c, b);
        assertThat(ids(gina.get("/community/posts?search=100%25&limit=500").json().get("posts"))).containsExactly(a);
        assertThat(ids(gina.get("/community/posts?search=10_%25&limit=500").json().get("posts"))).isEmpty();
        JsonNode byGina = hank.get("/community/posts?user_id=" + ginaId + "&tag=rust").json();
        assertThat(ids(byGina.get("posts"))).containsExactly(a);
        assertThat(byGina.get("total").asLong()).isEqualTo(1);

        JsonNode page = gina.get("/community/posts?user_id=" + ginaId + "&skip=1&limit=1").json();
        assertThat(ids(page.get("posts"))).containsExactly(a);
        assertThat(page.get("total").asLong()).isEqualTo(2);
        assertThat(page.get("skip").asInt()).isEqualTo(1);
    }

    @Test
    void theFollowingFeedHasOnlyThePostsOfPeopleTheCallerFollows() {
        ApiClient ivy = newUser("posts-ivy");
        ApiClient jack = newUser("posts-jack");
        ApiClient kim = newUser("posts-kim");
        long jackPost = createPost(jack, "jack's news", true);
        long jackSecret = createPost(jack, "jack's secret", false);
        long kimPost = createPost(kim, "kim's news", true);
        long ivyPost = createPost(ivy, "ivy's own", true);

        assertThat(ivy.get("/community/posts?following=true").json().get("posts")).isEmpty();
        ivy.postJson("/community/follow/" + userId(jack), Map.of());
        JsonNode feed = ivy.get("/community/posts?following=true&limit=500").json();
        assertThat(ids(feed.get("posts"))).containsExactly(jackPost).doesNotContain(jackSecret, kimPost, ivyPost);
        assertThat(feed.get("total").asLong()).isEqualTo(1);
        assertThat(ids(ivy.get("/community/posts?following=false&limit=500").json().get("posts"))).contains(jackPost, kimPost, ivyPost);
    }

    @Test
    void likesAndFavouritesToggleAndShowForTheCaller() {
        ApiClient lea = newUser("posts-lea");
        ApiClient max = newUser("posts-max");
        long id = createPost(lea, "likeable", true);

        JsonNode liked = max.postJson("/community/posts/" + id + "/like", Map.of()).json();
        assertThat(liked.get("liked").asBoolean()).isTrue();
        assertThat(liked.get("like_count").asLong()).isEqualTo(1);
        assertThat(lea.postJson("/community/posts/" + id + "/like", Map.of()).json().get("like_count").asLong()).isEqualTo(2);
        JsonNode favorited = max.postJson("/community/posts/" + id + "/favorite", Map.of()).json();
        assertThat(favorited.get("favorited").asBoolean()).isTrue();
        assertThat(favorited.get("favorite_count").asLong()).isEqualTo(1);

        JsonNode seenByMax = max.get("/community/posts/" + id).json();
        assertThat(seenByMax.get("liked").asBoolean()).isTrue();
        assertThat(seenByMax.get("favorited").asBoolean()).isTrue();
        assertThat(seenByMax.get("like_count").asLong()).isEqualTo(2);
        JsonNode seenByLea = lea.get("/community/posts?user_id=" + userId(lea)).json().get("posts").get(0);
        assertThat(seenByLea.get("liked").asBoolean()).isTrue();
        assertThat(seenByLea.get("favorited").asBoolean()).isFalse();

        JsonNode unliked = max.postJson("/community/posts/" + id + "/like", Map.of()).json();
        assertThat(unliked.get("liked").asBoolean()).isFalse();
        assertThat(unliked.get("like_count").asLong()).isEqualTo(1);
        JsonNode unfavorited = max.postJson("/community/posts/" + id + "/favorite", Map.of()).json();
        assertThat(unfavorited.get("favorited").asBoolean()).isFalse();
        assertThat(unfavorited.get("favorite_count").asLong()).isZero();
        assertThat(max.get("/community/posts/" + id).json().get("liked").asBoolean()).isFalse();
        assertThat(max.postJson("/community/posts/999999/like", Map.of()).status()).isEqualTo(404);

        String logs = admin().get("/admin/logs?resource_type=post&limit=500").body();
        assertThat(logs).contains("like_post").contains("favorite_post");
    }

    @Test
    void concurrentClicksNeverLetTheCountersDriftFromTheRows() throws Exception {
        ApiClient owner = newUser("posts-busy");
        long id = createPost(owner, "popular", true);
        List<ApiClient> users = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            users.add(newUser("posts-fan" + i));
        }
        List<ApiClient> clicks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            clicks.add(owner);            // ten clicks of one user
        }
        for (ApiClient user : users) {
            clicks.add(user);             // and one or two of others
            clicks.add(user);
            clicks.add(user);
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(clicks.size())) {
            for (String action : List.of("like", "favorite")) {
                List<Future<ApiClient.Response>> answers = new ArrayList<>();
                for (ApiClient client : clicks) {
                    answers.add(pool.submit(() -> client.postJson("/community/posts/" + id + "/" + action, Map.of())));
                }
                for (Future<ApiClient.Response> answer : answers) {
                    assertThat(answer.get().status()).as(answer.get().body()).isEqualTo(200);
                }
            }
        }
        long likes = jdbc.sql("SELECT COUNT(*) FROM post_likes WHERE post_id = ?").param(id).query(Long.class).single();
        long favorites = jdbc.sql("SELECT COUNT(*) FROM post_favorites WHERE post_id = ?").param(id).query(Long.class).single();
        JsonNode post = owner.get("/community/posts/" + id).json();
        assertThat(post.get("like_count").asLong()).isEqualTo(likes);
        assertThat(post.get("favorite_count").asLong()).isEqualTo(favorites);
        // Ten toggles of one user end where they began; three of each other user leave them liking it.
        assertThat(post.get("liked").asBoolean()).isFalse();
        assertThat(likes).isEqualTo(4);
        assertThat(favorites).isEqualTo(4);
    }

    @Test
    void theAuthorEditsAPostAndOnlyTheFieldsGivenChange() {
        ApiClient ida = newUser("posts-edit-ida");
        JsonNode post = createPost(ida, post("First draft", "plain words", "code_snippet", "print(1)",
                "code_language", "python", "tags", List.of("drafts")));
        long id = post.get("id").asLong();

        ApiClient.Response changed = ida.putJson("/community/posts/" + id,
                Map.of("title", "  Second draft ", "content", "now **bold**"));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        JsonNode edited = changed.json();
        assertThat(edited.get("title").asString()).isEqualTo("Second draft");
        assertThat(edited.get("content").asString()).isEqualTo("now **bold**");
        assertThat(edited.get("content_html").asString()).isEqualTo("<p>now <strong>bold</strong></p>\n");
        assertThat(edited.get("code_snippet").asString()).isEqualTo("print(1)");
        assertThat(edited.get("code_language").asString()).isEqualTo("python");
        assertThat(edited.get("tags").toString()).isEqualTo("[\"drafts\"]");
        assertThat(edited.get("is_public").asBoolean()).isTrue();
        assertThat(edited.get("created_at").asString()).isEqualTo(post.get("created_at").asString());
        assertThat(Instant.parse(edited.get("updated_at").asString()))
                .isAfter(Instant.parse(post.get("updated_at").asString()));

        Map<String, Object> more = new java.util.HashMap<>();
        more.put("tags", List.of("Notes", "java"));
        more.put("is_public", false);
        more.put("code_snippet", null);
        more.put("code_language", null);
        JsonNode second = ida.putJson("/community/posts/" + id, more).json();
        assertThat(second.get("title").asString()).isEqualTo("Second draft");
        assertThat(second.get("content").asString()).isEqualTo("now **bold**");
        assertThat(second.get("tags").toString()).isEqualTo("[\"notes\",\"java\"]");
        assertThat(second.get("is_public").asBoolean()).isFalse();
        assertThat(second.get("code_snippet").isNull()).isTrue();
        assertThat(second.get("code_language").isNull()).isTrue();

        JsonNode read = ida.get("/community/posts/" + id).json();
        assertThat(read.get("title").asString()).isEqualTo("Second draft");
        assertThat(read.get("content_html").asString()).contains("<strong>bold</strong>");
        assertThat(read.get("updated_at").asString()).isEqualTo(second.get("updated_at").asString());

        String logs = admin().get("/admin/logs?action=update_post&limit=500").body();
        assertThat(logs).contains("Second draft").contains("changed=title,content");
    }

    @Test
    void anEditIsCheckedAsANewPostIs() {
        ApiClient jo = newUser("posts-edit-jo");
        long id = createPost(jo, "checked edits", true);
        Map<String, Object> nullTitle = new java.util.HashMap<>();
        nullTitle.put("title", null);
        for (Map.Entry<Map<String, Object>, String> bad : Map.<Map<String, Object>, String>of(
                Map.of("title", " "), "title must be 1 to 200 characters",
                nullTitle, "title must be 1 to 200 characters",
                Map.of("content", "  "), "content is required",
                Map.of("content", "x".repeat(100 * 1024 + 1)), "content must be at most 102400 bytes",
                Map.of("tags", List.of("a\"b")), "quotes",
                Map.of("code_language", "py thon"), "code_language").entrySet()) {
            ApiClient.Response refused = jo.putJson("/community/posts/" + id, bad.getKey());
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.detail()).contains(bad.getValue());
            assertThat(refused.json().has("code")).isTrue();
        }
        assertThat(jo.put("/community/posts/" + id, "{\"title\": [1]}").status()).isEqualTo(400);
        JsonNode unchanged = jo.get("/community/posts/" + id).json();
        assertThat(unchanged.get("title").asString()).isEqualTo("checked edits");
        assertThat(unchanged.get("updated_at").asString()).isEqualTo(unchanged.get("created_at").asString());
    }

    @Test
    void onlyTheAuthorEditsAPostNotOthersNorAnAdministrator() {
        ApiClient kim = newUser("posts-edit-kim");
        ApiClient lee = newUser("posts-edit-lee");
        long open = createPost(kim, "kim's open words", true);
        long secret = createPost(kim, "kim's secret words", false);

        ApiClient.Response forbidden = lee.putJson("/community/posts/" + open, Map.of("title", "defaced"));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.detail()).contains("only the author of post " + open + " may edit it");
        ApiClient.Response hidden = lee.putJson("/community/posts/" + secret, Map.of("title", "defaced"));
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.detail()).isEqualTo("post " + secret + " not found");
        assertThat(lee.putJson("/community/posts/999999", Map.of("title", "x")).status()).isEqualTo(404);

        ApiClient admin = admin();
        assertThat(admin.putJson("/community/posts/" + open, Map.of("title", "rewritten")).status()).isEqualTo(403);
        assertThat(api.putJson("/community/posts/" + open, Map.of("title", "anonymous")).status()).isEqualTo(401);
        assertThat(kim.get("/community/posts/" + open).json().get("title").asString()).isEqualTo("kim's open words");
        assertThat(admin.get("/admin/logs?action=update_post&limit=500").body()).contains("not the author");
    }

    @Test
    void aDraftPreviewsAsThePostWillShow() {
        ApiClient max = newUser("posts-preview-max");
        String markdown = "Some **bold** and <script>alert(1)</script> [x](javascript:alert(1))";
        ApiClient.Response preview = max.postJson("/community/markdown/preview", Map.of("content", markdown));
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        String html = preview.json().get("html").asString();
        assertThat(html).contains("<strong>bold</strong>").contains("&lt;script&gt;").doesNotContain("javascript:");
        JsonNode post = createPost(max, post("previewed", markdown));
        assertThat(html).isEqualTo(post.get("content_html").asString());

        assertThat(max.postJson("/community/markdown/preview", Map.of("content", "")).json().get("html").asString())
                .isEmpty();
        ApiClient.Response big = max.postJson("/community/markdown/preview", Map.of("content", "x".repeat(100 * 1024 + 1)));
        assertThat(big.status()).isEqualTo(400);
        assertThat(big.detail()).contains("content must be at most 102400 bytes");
        assertThat(max.postJson("/community/markdown/preview", Map.of()).detail()).contains("content is required");
        assertThat(api.postJson("/community/markdown/preview", Map.of("content", "hi")).status()).isEqualTo(401);
    }

    @Test
    void apiKeysCannotUseTheCommunity() {
        ApiClient user = newUser("posts-key");
        String key = user.postJson("/api-keys", Map.of("key_name", "bot")).json().get("api_key").asString();
        ApiClient bot = api.withToken(key);
        assertThat(bot.postJson("/community/posts", post("from a bot", "spam")).status()).isEqualTo(403);
        assertThat(bot.get("/community/posts").status()).isEqualTo(403);
        // Reading is open to visitors (PublicSharingApiTests); writing is not.
        assertThat(api.postJson("/community/posts", post("anonymous", "spam")).status()).isEqualTo(401);
    }
}
