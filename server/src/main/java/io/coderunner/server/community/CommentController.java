package io.coderunner.server.community;

import io.coderunner.server.community.CommunityViews.CommentList;
import io.coderunner.server.community.CommunityViews.CommentView;
import io.coderunner.server.community.CommunityViews.LikeToggled;
import io.coderunner.server.community.CommunityViews.Message;
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
import org.springframework.web.bind.annotation.RestController;

/** Comments on posts (seed 004's 评论系统, with editing and deleting). */
@RestController
@Tag(name = "Community")
class CommentController {

    private final CommentService comments;

    CommentController(CommentService comments) {
        this.comments = comments;
    }

    @PostMapping("/community/posts/{post_id}/comments")
    @SignedInUser
    @Operation(summary = "Comment on a post (content: Markdown, 1-10000 characters), or reply to a comment on it (parent_id)")
    CommentView create(@AuthenticationPrincipal Caller caller, @PathVariable("post_id") long postId,
                       @RequestBody CommunityRequests.CreateComment request) {
        return comments.create(caller, postId, request);
    }

    @GetMapping("/community/posts/{post_id}/comments")
    @OpenToVisitors
    @Operation(summary = "A post's comments as threads, oldest first, each with its replies; total counts them all")
    CommentList list(@AuthenticationPrincipal Caller caller, @PathVariable("post_id") long postId) {
        return comments.list(Caller.orVisitor(caller), postId);
    }

    @PutMapping("/community/comments/{comment_id}")
    @SignedInUser
    @Operation(summary = "Edit a comment (its author only)")
    CommentView update(@AuthenticationPrincipal Caller caller, @PathVariable("comment_id") long commentId,
                       @RequestBody CommunityRequests.UpdateComment request) {
        return comments.update(caller, commentId, request);
    }

    @DeleteMapping("/community/comments/{comment_id}")
    @SignedInUser
    @Operation(summary = "Delete a comment with its replies (its author, the post's author or an administrator)")
    Message delete(@AuthenticationPrincipal Caller caller, @PathVariable("comment_id") long commentId) {
        comments.delete(caller, commentId);
        return new Message("comment " + commentId + " deleted");
    }

    @PostMapping("/community/comments/{comment_id}/like")
    @SignedInUser
    @Operation(summary = "Like the comment, or take the like back: answers whether the caller likes it now and the count")
    LikeToggled like(@AuthenticationPrincipal Caller caller, @PathVariable("comment_id") long commentId) {
        return comments.like(caller, commentId);
    }
}
