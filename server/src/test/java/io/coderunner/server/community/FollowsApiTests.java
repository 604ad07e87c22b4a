package io.coderunner.server.community;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Following users and finding them, through the real HTTP API; and the Community service's counts. */
class FollowsApiTests extends CommunityTestSupport {

    @Autowired
    Community community;

    @Test
    void followingTogglesAndAnswersTheFollowedUsersCounts() {
        ApiClient amy = newUser("follows-amy");
        ApiClient bo = newUser("follows-bo");
        ApiClient cy = newUser("follows-cy");
        long amyId = userId(amy);
        long boId = userId(bo);

        JsonNode followed = bo.postJson("/community/follow/" + amyId, Map.of()).json();
        assertThat(followed.get("following").asBoolean()).isTrue();
        assertThat(followed.get("follower_count").asLong()).isEqualTo(1);
        assertThat(followed.get("following_count").asLong()).isZero();
        assertThat(cy.postJson("/community/follow/" + amyId, Map.of()).json().get("follower_count").asLong()).isEqualTo(2);
        assertThat(amy.postJson("/community/follow/" + boId, Map.of()).json().get("follower_count").asLong()).isEqualTo(1);

        JsonNode status = bo.get("/users/" + amyId + "/follow-status").json();
        assertThat(status.get("is_following").asBoolean()).isTrue();
        assertThat(status.get("is_followed_by").asBoolean()).isTrue();
        JsonNode cyStatus = cy.get("/users/" + boId + "/follow-status").json();
        assertThat(cyStatus.get("is_following").asBoolean()).isFalse();
        assertThat(cyStatus.get("is_followed_by").asBoolean()).isFalse();

        JsonNode followers = cy.get("/users/" + amyId + "/followers").json();
        assertThat(followers.get("total").asLong()).isEqualTo(2);
        assertThat(followers.get("skip").asInt()).isZero();
        assertThat(followers.get("limit").asInt()).isEqualTo(50);
        assertThat(followers.get("users").valueStream().map(user -> user.get("username").asString()).toList())
                .containsExactly("follows-cy", "follows-bo");
        assertThat(followers.get("users").get(0).has("email")).isFalse();
        JsonNode page = cy.get("/users/" + amyId + "/followers?skip=1&limit=1").json();
        assertThat(page.get("users").valueStream().map(user -> user.get("username").asString()).toList())
                .containsExactly("follows-bo");
        assertThat(page.get("total").asLong()).isEqualTo(2);
        JsonNode following = cy.get("/users/" + amyId + "/following").json();
        assertThat(ids(following.get("users"))).containsExactly(boId);

        JsonNode unfollowed = bo.postJson("/community/follow/" + amyId, Map.of()).json();
        assertThat(unfollowed.get("following").asBoolean()).isFalse();
        assertThat(unfollowed.get("follower_count").asLong()).isEqualTo(1);
        assertThat(bo.get("/users/" + amyId + "/follow-status").json().get("is_following").asBoolean()).isFalse();
        assertThat(community.followerCount(amyId)).isEqualTo(1);
        assertThat(community.followingCount(amyId)).isEqualTo(1);

        String logs = admin().get("/admin/logs?resource_type=user&limit=500").body();
        assertThat(logs).contains("follow_user").contains("unfollow_user");
    }

    @Test
    void followingYourselfOrNobodyIsRefused() {
        ApiClient dee = newUser("follows-dee");
        ApiClient.Response self = dee.postJson("/community/follow/" + userId(dee), Map.of());
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.detail()).isEqualTo("you cannot follow yourself");
        ApiClient.Response nobody = dee.postJson("/community/follow/999999", Map.of());
        assertThat(nobody.status()).isEqualTo(404);
        assertThat(nobody.detail()).isEqualTo("user 999999 not found");
        for (String path : List.of("/users/999999/followers", "/users/999999/following", "/users/999999/follow-status",
                "/users/999999/posts", "/users/by-username/nobody-here")) {
            assertThat(dee.get(path).status()).as(path).isEqualTo(404);
        }
        assertThat(dee.get("/users/1/followers?limit=501").status()).isEqualTo(400);
    }

    @Test
    void aUserIsFoundByNameWithTheirNumbers() {
        ApiClient eli = newUser("follows-eli");
        ApiClient flo = newUser("follows-flo");
        long eliId = userId(eli);
        long liked = createPost(eli, "eli public", true);
        createPost(eli, "eli again", true);
        createPost(eli, "eli private", false);
        flo.postJson("/community/follow/" + eliId, Map.of());
        flo.postJson("/community/posts/" + liked + "/like", Map.of());
        eli.postJson("/community/posts/" + liked + "/like", Map.of());

        JsonNode profile = flo.get("/users/by-username/FOLLOWS-Eli").json();
        assertThat(profile.get("id").asLong()).isEqualTo(eliId);
        assertThat(profile.get("username").asString()).isEqualTo("follows-eli");
        assertThat(profile.has("full_name")).isTrue();
        assertThat(profile.has("email")).isFalse();
        assertThat(profile.get("created_at").asString()).isNotBlank();
        assertThat(profile.get("follower_count").asLong()).isEqualTo(1);
        assertThat(profile.get("following_count").asLong()).isZero();
        assertThat(profile.get("post_count").asLong()).isEqualTo(2);
        assertThat(eli.get("/users/by-username/follows-eli").json().get("post_count").asLong()).isEqualTo(3);
        assertThat(flo.get("/users/by-username/follows-eli@example.com").status()).isEqualTo(404);

        assertThat(community.postCount(eliId)).isEqualTo(2);
        assertThat(community.likesReceived(eliId)).isEqualTo(2);
        assertThat(community.followerCount(eliId)).isEqualTo(1);
    }

    @Test
    void deletingAUserTakesTheirLikesCommentsAndFollowsOutOfTheCounts() {
        ApiClient gil = newUser("follows-gil");
        ApiClient hub = newUser("follows-hub");
        long gilId = userId(gil);
        long hubId = userId(hub);
        long postId = createPost(gil, "gil's post", true);
        hub.postJson("/community/posts/" + postId + "/like", Map.of());
        hub.postJson("/community/posts/" + postId + "/favorite", Map.of());
        long gilComment = comment(gil, postId, "gil says", null).get("id").asLong();
        comment(hub, postId, "hub answers", gilComment);
        hub.postJson("/community/comments/" + gilComment + "/like", Map.of());
        hub.postJson("/community/follow/" + gilId, Map.of());
        assertThat(gil.get("/community/posts/" + postId).json().get("comment_count").asLong()).isEqualTo(2);

        assertThat(admin().delete("/admin/users/" + hubId).status()).isEqualTo(200);

        // The counters are counted again once the deletion is committed (community's listener of UserDeleted).
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode post = gil.get("/community/posts/" + postId).json();
            assertThat(post.get("like_count").asLong()).isZero();
            assertThat(post.get("favorite_count").asLong()).isZero();
            assertThat(post.get("comment_count").asLong()).isEqualTo(1);
            assertThat(gil.get("/community/posts/" + postId + "/comments").json().get("comments").get(0)
                    .get("like_count").asLong()).isZero();
        });
        JsonNode comments = gil.get("/community/posts/" + postId + "/comments").json();
        assertThat(comments.get("total").asLong()).isEqualTo(1);
        assertThat(comments.get("comments").get(0).get("replies")).isEmpty();
        assertThat(gil.get("/users/" + gilId + "/followers").json().get("total").asLong()).isZero();
    }
}
