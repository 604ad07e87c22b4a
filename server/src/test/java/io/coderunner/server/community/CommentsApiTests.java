package io.coderunner.server.community;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
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

/** Comments through the real HTTP API: threads, editing, deleting, likes, and the post's comment_count. */
class CommentsApiTests extends CommunityTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Test
    void commentsAndRepliesComeBackAsThreads() {
        ApiClient ann = newUser("comments-ann");
        ApiClient ben = newUser("comments-ben");
        long postId = createPost(ann, "threads", true);

        JsonNode first = comment(ben, postId, "First *comment*", null);
        assertThat(first.get("post_id").asLong()).isEqualTo(postId);
        assertThat(first.get("user_id").asLong()).isEqualTo(userId(ben));
        assertThat(first.get("author").get("username").asString()).isEqualTo("comments-ben");
        assertThat(first.get("content").asString()).isEqualTo("First *comment*");
        assertThat(first.get("content_html").asString()).isEqualTo("<p>First <em>comment</em></p>\n");
        assertThat(first.get("parent_id").isNull()).isTrue();
        assertThat(first.get("like_count").asLong()).isZero();
        assertThat(first.get("liked").asBoolean()).isFalse();
        assertThat(first.get("created_at").asString()).isNotBlank();
        assertThat(first.get("replies")).isEmpty();
        long firstId = first.get("id").asLong();
        long reply = comment(ann, postId, "a reply", firstId).get("id").asLong();
        long replyToReply = comment(ben, postId, "a reply to the reply", reply).get("id").asLong();
        long second = comment(ann, postId, "second", null).get("id").asLong();

        JsonNode list = ben.get("/community/posts/" + postId + "/comments").json();
        assertThat(list.get("total").asLong()).isEqualTo(4);
        JsonNode roots = list.get("comments");
        assertThat(ids(roots)).containsExactly(firstId, second);
        JsonNode replies = roots.get(0).get("replies");
        assertThat(ids(replies)).containsExactly(reply);
        assertThat(replies.get(0).get("parent_id").asLong()).isEqualTo(firstId);
        assertThat(ids(replies.get(0).get("replies"))).containsExactly(replyToReply);
        assertThat(roots.get(1).get("replies")).isEmpty();
        assertThat(ben.get("/community/posts/" + postId).json().get("comment_count").asLong()).isEqualTo(4);

        String logs = admin().get("/admin/logs?resource_type=comment&limit=500").body();
        assertThat(logs).contains("create_comment");
    }

    @Test
    void repliesMustBeOnTheSamePostAndNotTooDeep() {
        ApiClient cat = newUser("comments-cat");
        long one = createPost(cat, "one", true);
        long two = createPost(cat, "two", true);
        long onOne = comment(cat, one, "on one", null).get("id").asLong();

        ApiClient.Response elsewhere = cat.postJson("/community/posts/" + two + "/comments",
                Map.of("content", "x", "parent_id", onOne));
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(elsewhere.detail()).contains("parent_id " + onOne + " is a comment on another post");
        ApiClient.Response unknown = cat.postJson("/community/posts/" + one + "/comments",
                Map.of("content", "x", "parent_id", 999999));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.detail()).contains("comment 999999 (parent_id) not found");
        assertThat(cat.postJson("/community/posts/" + one + "/comments", Map.of("content", " ")).detail())
                .contains("content is required");
        assertThat(cat.postJson("/community/posts/" + one + "/comments", Map.of("content", "x".repeat(10_001))).detail())
                .contains("at most 10000 characters");
        assertThat(cat.postJson("/community/posts/999999/comments", Map.of("content", "x")).status()).isEqualTo(404);

        long parent = onOne;
        for (int depth = 1; depth <= CommentService.MAX_DEPTH; depth++) {
            parent = comment(cat, one, "depth " + depth, parent).get("id").asLong();
        }
        ApiClient.Response tooDeep = cat.postJson("/community/posts/" + one + "/comments",
                Map.of("content", "x", "parent_id", parent));
        assertThat(tooDeep.status()).isEqualTo(400);
        assertThat(tooDeep.detail()).contains("replies nest at most");
        assertThat(cat.get("/community/posts/" + one).json().get("comment_count").asLong())
                .isEqualTo(1 + CommentService.MAX_DEPTH);
    }

    @Test
    void onlyItsAuthorEditsAComment() {
        ApiClient dan = newUser("comments-dan");
        ApiClient eve = newUser("comments-eve");
        long postId = createPost(dan, "edits", true);
        long id = comment(eve, postId, "typo", null).get("id").asLong();

        ApiClient.Response refused = dan.putJson("/community/comments/" + id, Map.of("content", "hacked"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.detail()).contains("only the author of comment " + id + " may edit it");
        assertThat(admin().putJson("/community/comments/" + id, Map.of("content", "hacked")).status()).isEqualTo(403);

        ApiClient.Response edited = eve.putJson("/community/comments/" + id, Map.of("content", "fixed **now**"));
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.json().get("content").asString()).isEqualTo("fixed **now**");
        assertThat(edited.json().get("content_html").asString()).contains("<strong>now</strong>");
        assertThat(eve.get("/community/posts/" + postId + "/comments").json().get("comments").get(0).get("content").asString())
                .isEqualTo("fixed **now**");
        assertThat(eve.putJson("/community/comments/" + id, Map.of("content", "")).status()).isEqualTo(400);
        assertThat(eve.putJson("/community/comments/999999", Map.of("content", "x")).status()).isEqualTo(404);
        assertThat(admin().get("/admin/logs?action=update_comment&limit=500").body()).contains("success").contains("failure");
    }

    @Test
    void theAuthorThePostsAuthorOrAnAdministratorDeletesACommentWithItsReplies() {
        ApiClient fay = newUser("comments-fay");
        ApiClient gus = newUser("comments-gus");
        ApiClient hal = newUser("comments-hal");
        long postId = createPost(fay, "moderated", true);
        long gusComment = comment(gus, postId, "by gus", null).get("id").asLong();
        long reply = comment(hal, postId, "reply by hal", gusComment).get("id").asLong();
        comment(hal, postId, "reply to the reply", reply);
        long halComment = comment(hal, postId, "by hal", null).get("id").asLong();
        long third = comment(hal, postId, "another by hal", null).get("id").asLong();
        gus.postJson("/community/comments/" + reply + "/like", Map.of());

        ApiClient.Response refused = gus.delete("/community/comments/" + halComment);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.detail()).contains("only the author of comment " + halComment);

        assertThat(gus.delete("/community/comments/" + gusComment).status()).isEqualTo(200);
        JsonNode left = fay.get("/community/posts/" + postId + "/comments").json();
        assertThat(ids(left.get("comments"))).containsExactly(halComment, third);
        assertThat(left.get("total").asLong()).isEqualTo(2);
        assertThat(fay.get("/community/posts/" + postId).json().get("comment_count").asLong()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM comment_likes WHERE comment_id = ?").param(reply).query(Long.class).single())
                .isZero();

        assertThat(fay.delete("/community/comments/" + halComment).status()).isEqualTo(200);
        assertThat(admin().delete("/community/comments/" + third).status()).isEqualTo(200);
        assertThat(fay.get("/community/posts/" + postId).json().get("comment_count").asLong()).isZero();
        assertThat(fay.delete("/community/comments/" + third).status()).isEqualTo(404);
        assertThat(admin().get("/admin/logs?action=delete_comment&limit=500").body()).contains("success").contains("failure");
    }

    @Test
    void commentsOfAPrivatePostAreHiddenWithIt() {
        ApiClient ida = newUser("comments-ida");
        ApiClient jon = newUser("comments-jon");
        long postId = createPost(ida, "private", false);
        long id = comment(ida, postId, "note to self", null).get("id").asLong();

        assertThat(jon.postJson("/community/comments/" + id + "/like", Map.of()).status()).isEqualTo(404);
        assertThat(jon.putJson("/community/comments/" + id, Map.of("content", "x")).status()).isEqualTo(404);
        ApiClient.Response delete = jon.delete("/community/comments/" + id);
        assertThat(delete.status()).isEqualTo(404);
        assertThat(delete.detail()).isEqualTo("comment " + id + " not found");
    }

    @Test
    void commentLikesToggleAndSurviveConcurrentClicks() throws Exception {
        ApiClient kay = newUser("comments-kay");
        ApiClient lou = newUser("comments-lou");
        long postId = createPost(kay, "liked comments", true);
        long id = comment(kay, postId, "like me", null).get("id").asLong();

        JsonNode liked = lou.postJson("/community/comments/" + id + "/like", Map.of()).json();
        assertThat(liked.get("liked").asBoolean()).isTrue();
        assertThat(liked.get("like_count").asLong()).isEqualTo(1);
        JsonNode seen = lou.get("/community/posts/" + postId + "/comments").json().get("comments").get(0);
        assertThat(seen.get("liked").asBoolean()).isTrue();
        assertThat(seen.get("like_count").asLong()).isEqualTo(1);
        assertThat(kay.get("/community/posts/" + postId + "/comments").json().get("comments").get(0).get("liked").asBoolean())
                .isFalse();

        try (ExecutorService pool = Executors.newFixedThreadPool(11)) {
            List<Future<ApiClient.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 11; i++) {
                answers.add(pool.submit(() -> lou.postJson("/community/comments/" + id + "/like", Map.of())));
            }
            for (Future<ApiClient.Response> answer : answers) {
                assertThat(answer.get().status()).isEqualTo(200);
            }
        }
        long rows = jdbc.sql("SELECT COUNT(*) FROM comment_likes WHERE comment_id = ?").param(id).query(Long.class).single();
        assertThat(rows).isZero();
        assertThat(lou.get("/community/posts/" + postId + "/comments").json().get("comments").get(0).get("like_count").asLong())
                .isEqualTo(rows);
        assertThat(lou.postJson("/community/comments/999999/like", Map.of()).status()).isEqualTo(404);
        assertThat(admin().get("/admin/logs?action=like_comment&limit=500").body()).contains("like_comment");
    }

    @Test
    void concurrentCommentsKeepTheCountRight() throws Exception {
        ApiClient mia = newUser("comments-mia");
        long postId = createPost(mia, "busy thread", true);
        long root = comment(mia, postId, "root", null).get("id").asLong();
        try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
            List<Future<ApiClient.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int n = i;
                answers.add(pool.submit(() -> mia.postJson("/community/posts/" + postId + "/comments",
                        n % 2 == 0 ? Map.of("content", "c" + n) : Map.of("content", "r" + n, "parent_id", root))));
            }
            answers.add(pool.submit(() -> mia.delete("/community/comments/" + root)));
            for (Future<ApiClient.Response> answer : answers) {
                assertThat(answer.get().status()).as(answer.get().body()).isIn(200, 404);
            }
        }
        long rows = jdbc.sql("SELECT COUNT(*) FROM comments WHERE post_id = ?").param(postId).query(Long.class).single();
        assertThat(mia.get("/community/posts/" + postId).json().get("comment_count").asLong()).isEqualTo(rows);
        assertThat(mia.get("/community/posts/" + postId + "/comments").json().get("total").asLong()).isEqualTo(rows);
    }
}
