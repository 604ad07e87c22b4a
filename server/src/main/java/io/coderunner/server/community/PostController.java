package io.coderunner.server.community;

import io.coderunner.server.community.CommunityViews.FavoriteToggled;
import io.coderunner.server.community.CommunityViews.LikeToggled;
import io.coderunner.server.community.CommunityViews.Message;
import io.coderunner.server.community.CommunityViews.PostList;
import io.coderunner.server.community.CommunityViews.PostView;
import io.coderunner.server.http.Page;
import io.coderunner.server.security.Caller;
import io.coderunner.server.security.OpenToVisitors;
import io.coderunner.server.security.SignedInUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Community posts (seed 004's 帖子管理 and 帖子互动). */
@RestController
@Tag(name = "Community")
class PostController {

    private final PostService posts;

    PostController(PostService posts) {
        this.posts = posts;
    }

    @PostMapping("/community/posts")
    @SignedInUser
    @Operation(summary = "Write a post: title (1-200), content (Markdown, at most 100 KB), optional code_snippet, "
            + "code_language, tags (at most 10) and is_public (default true)",
            description = "content_html in the answer is the content rendered with raw HTML escaped and unsafe links removed.")
    PostView create(@AuthenticationPrincipal Caller caller, @RequestBody CommunityRequests.CreatePost request) {
        return posts.create(caller, request);
    }

    @GetMapping("/community/posts")
    @OpenToVisitors
    @Operation(summary = "Posts newest first: everyone's public ones and the caller's own private ones",
            description = "following=true: only of the people the caller follows; tag: with that tag; search: title or "
                    + "content contains it (case-insensitive); user_id: by that user.")
    PostList list(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) Integer skip,
                  @RequestParam(required = false) Integer limit, @RequestParam(required = false) Boolean following,
                  @RequestParam(required = false) String tag, @RequestParam(required = false) String search,
                  @RequestParam(name = "user_id", required = false) Long userId) {
        Caller reader = Caller.orVisitor(caller);
        return posts.list(reader, PostFilter.of(reader.userId(), following, tag, search, userId), Page.of(skip, limit, 20));
    }

    @GetMapping("/community/posts/{post_id}")
    @OpenToVisitors
    @Operation(summary = "One post: a public one or the caller's own (else 404)")
    PostView get(@AuthenticationPrincipal Caller caller, @PathVariable("post_id") long postId) {
        return posts.get(Caller.orVisitor(caller), postId);
    }

    @DeleteMapping("/community/posts/{post_id}")
    @SignedInUser
    @Operation(summary = "Delete a post with its comments, likes and favourites (its author or an administrator)")
    Message delete(@AuthenticationPrincipal Caller caller, @PathVariable("post_id") long postId) {
        posts.delete(caller, postId);
        return new Message("post " + postId + " deleted");
    }

    @PutMapping("/community/posts/{post_id}")
    @SignedInUser
    @Operation(summary = "Change the caller's own post; only the fields given change (title, content, tags, is_public, "
            + "code_snippet, code_language), checked as on writing",
            description = "A field given as null takes its default (no code, no language, no tags, public); title and "
                    + "content cannot be null. Only the author may edit a post: others get 403, or 404 if they cannot see it.")
    PostView update(@AuthenticationPrincipal Caller caller, @PathVariable("post_id") long postId,
                    @RequestBody CommunityRequests.UpdatePost request) {
        return posts.update(caller, postId, request);
    }

    @PostMapping("/community/posts/{post_id}/like")
    @SignedInUser
    @Operation(summary = "Like the post, or take the like back: answers whether the caller likes it now and the count")
    LikeToggled like(@AuthenticationPrincipal Caller caller, @PathVariable("post_id") long postId) {
        return posts.like(caller, postId);
    }

    @PostMapping("/community/posts/{post_id}/favorite")
    @SignedInUser
    @Operation(summary = "Keep the post among the caller's favourites, or remove it: answers whether it is kept now and the count")
    FavoriteToggled favorite(@AuthenticationPrincipal Caller caller, @PathVariable("post_id") long postId) {
        return posts.favorite(caller, postId);
    }
}
