package io.coderunner.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Comments, replies and follows become notifications of the user they concern, and only theirs. */
class NotificationsApiTests extends ServerTest {

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    private static long post(ApiClient author, String title) {
        ApiClient.Response response = author.postJson("/community/posts", Map.of("title", title, "content", "about " + title));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("id").asLong();
    }

    private static long comment(ApiClient client, long postId, String content, Long parentId) {
        ApiClient.Response response = client.postJson("/community/posts/" + postId + "/comments",
                parentId == null ? Map.of("content", content) : Map.of("content", content, "parent_id", parentId));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("id").asLong();
    }

    private static JsonNode awaitNotifications(ApiClient client, int count) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> client.get("/notifications").json(),
                body -> body.get("notifications").size() == count);
    }

    @Test
    void aCommentAReplyAndAFollowAreToldToWhomTheyConcern() {
        String aliceName = unique("alice");
        String bobName = unique("bob");
        ApiClient alice = newUser(aliceName);
        ApiClient bob = newUser(bobName);
        long aliceId = alice.get("/users/me").json().get("id").asLong();
        long postId = post(alice, "My first post");

        long bobsComment = comment(bob, postId, "Nice!", null);
        JsonNode first = awaitNotifications(alice, 1);
        JsonNode told = first.get("notifications").get(0);
        assertThat(told.get("kind").asString()).isEqualTo("comment");
        assertThat(told.get("actor_username").asString()).isEqualTo(bobName);
        assertThat(told.get("post_id").asLong()).isEqualTo(postId);
        assertThat(told.get("post_title").asString()).isEqualTo("My first post");
        assertThat(told.get("read").asBoolean()).isFalse();
        assertThat(first.get("unread").asInt()).isEqualTo(1);

        // Alice's own answer tells Bob (a reply), not Alice; Bob's follow tells Alice.
        comment(alice, postId, "Thanks", bobsComment);
        assertThat(awaitNotifications(bob, 1).get("notifications").get(0).get("kind").asString()).isEqualTo("reply");
        assertThat(bob.postJson("/community/follow/" + aliceId, Map.of()).json().get("following").asBoolean()).isTrue();
        JsonNode both = awaitNotifications(alice, 2);
        assertThat(both.get("notifications").get(0).get("kind").asString()).isEqualTo("follow");
        assertThat(both.get("unread").asInt()).isEqualTo(2);

        // Bob cannot mark Alice's read; Alice marks one, then all.
        long followId = both.get("notifications").get(0).get("id").asLong();
        assertThat(bob.postJson("/notifications/read", Map.of("ids", List.of(followId))).json().get("marked").asInt()).isZero();
        assertThat(alice.get("/notifications/unread-count").json().get("unread").asInt()).isEqualTo(2);
        assertThat(alice.postJson("/notifications/read", Map.of("ids", List.of(followId))).json().get("unread").asInt()).isEqualTo(1);
        assertThat(alice.get("/notifications?unread_only=true").json().get("notifications").size()).isEqualTo(1);
        assertThat(alice.postJson("/notifications/read", Map.of()).json().get("unread").asInt()).isZero();
        assertThat(alice.get("/notifications").json().get("notifications").get(1).get("read").asBoolean()).isTrue();
        assertThat(api.get("/notifications").status()).isEqualTo(401);
    }
}
