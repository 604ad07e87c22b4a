package io.coderunner.server.community;

import io.coderunner.server.community.CommunityViews.FollowStatus;
import io.coderunner.server.community.CommunityViews.FollowView;
import io.coderunner.server.community.CommunityViews.PostList;
import io.coderunner.server.community.CommunityViews.UserList;
import io.coderunner.server.community.CommunityViews.UserProfile;
import io.coderunner.server.http.Page;
import io.coderunner.server.security.Caller;
import io.coderunner.server.security.OpenToVisitors;
import io.coderunner.server.security.SignedInUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Following users (seed 004's 用户关注) and finding them (用户发现与互动). */
@RestController
@Tag(name = "Community")
class FollowController {

    private final FollowService follows;
    private final PostService posts;

    FollowController(FollowService follows, PostService posts) {
        this.follows = follows;
        this.posts = posts;
    }

    @PostMapping("/community/follow/{user_id}")
    @SignedInUser
    @Operation(summary = "Follow a user, or stop following them: answers whether the caller follows them now, and that "
            + "user's follower_count and following_count")
    FollowView follow(@AuthenticationPrincipal Caller caller, @PathVariable("user_id") long userId) {
        return follows.toggle(caller, userId);
    }

    @GetMapping("/users/{user_id}/followers")
    @OpenToVisitors
    @Operation(summary = "Who follows the user, newest first")
    UserList followers(@PathVariable("user_id") long userId, @RequestParam(required = false) Integer skip,
                       @RequestParam(required = false) Integer limit) {
        return follows.followers(userId, Page.of(skip, limit, 50));
    }

    @GetMapping("/users/{user_id}/following")
    @OpenToVisitors
    @Operation(summary = "Whom the user follows, most recent first")
    UserList following(@PathVariable("user_id") long userId, @RequestParam(required = false) Integer skip,
                       @RequestParam(required = false) Integer limit) {
        return follows.following(userId, Page.of(skip, limit, 50));
    }

    @GetMapping("/users/{user_id}/follow-status")
    @SignedInUser
    @Operation(summary = "Whether the caller follows the user (is_following) and the user the caller (is_followed_by)")
    FollowStatus status(@AuthenticationPrincipal Caller caller, @PathVariable("user_id") long userId) {
        return follows.status(caller, userId);
    }

    @GetMapping("/users/{user_id}/posts")
    @OpenToVisitors
    @Operation(summary = "The user's posts, newest first: only public ones unless the user is the caller")
    PostList posts(@AuthenticationPrincipal Caller caller, @PathVariable("user_id") long userId,
                   @RequestParam(required = false) Integer skip, @RequestParam(required = false) Integer limit) {
        return posts.listOfUser(Caller.orVisitor(caller), userId, Page.of(skip, limit, 20));
    }

    @GetMapping("/users/by-username/{username}")
    @OpenToVisitors
    @Operation(summary = "A user's public profile by name (case-insensitive): follower, following and post counts")
    UserProfile byUsername(@AuthenticationPrincipal Caller caller, @PathVariable String username) {
        return follows.byUsername(Caller.orVisitor(caller), username);
    }
}
