package io.coderunner.server.community;

import io.coderunner.server.community.CommunityViews.CommentList;
import io.coderunner.server.community.CommunityViews.CommentView;
import io.coderunner.server.community.CommunityViews.LikeToggled;
import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.http.ForbiddenException;
import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.security.Caller;
import io.coderunner.server.system.AuditEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Comments and replies. A comment is seen, liked and answered by whoever may see its post; edited
 * only by its author; deleted by its author, the post's author or an administrator, with its replies.
 */
@Service
class CommentService {

    static final int MAX_LENGTH = 10_000;
    /** How deep replies nest: deeper threads are unreadable, and each level is a level of JSON. */
    static final int MAX_DEPTH = 10;

    private final CommentRepository comments;
    private final PostService posts;
    private final Reactions reactions;
    private final Authors authors;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CommentService(CommentRepository comments, PostService posts, Reactions reactions, Authors authors,
                   ApplicationEventPublisher events, Clock clock) {
        this.comments = comments;
        this.posts = posts;
        this.reactions = reactions;
        this.authors = authors;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    CommentView create(Caller caller, long postId, CommunityRequests.CreateComment request) {
        String content = content(request.content());
        Post post = posts.requireVisible(caller, postId);
        Comment parent = null;
        if (request.parentId() != null) {
            parent = comments.find(caller.userId(), request.parentId())
                    .orElseThrow(() -> new NotFoundException("comment " + request.parentId() + " (parent_id) not found"));
            if (parent.postId() != postId) {
                throw new BadRequestException("parent_id " + parent.id() + " is a comment on another post, not on post " + postId);
            }
            if (parent.depth() >= MAX_DEPTH) {
                throw new BadRequestException("replies nest at most " + MAX_DEPTH + " levels deep: answer a comment higher up "
                        + "the thread");
            }
        }
        long id;
        try {
            id = comments.insert(postId, caller.userId(), parent, content, clock.millis());
        } catch (DataIntegrityViolationException e) {
            throw new NotFoundException("post " + postId + " not found");
        }
        events.publishEvent(AuditEvent.success(caller.userId(), caller.username(), "create_comment", "comment", id,
                "post_id=" + postId + (parent == null ? "" : " parent_id=" + parent.id())));
        events.publishEvent(new CommentAdded(postId, post.title(), post.userId(), id, parent == null ? null : parent.userId(),
                caller.userId(), caller.username()));
        return view(require(caller, id), List.of());
    }

    /** The post's comments as threads: comments on the post oldest first, each with its replies. */
    CommentList list(Caller caller, long postId) {
        posts.requireVisible(caller, postId);
        List<Comment> all = comments.listByPost(caller.userId(), postId);
        Map<Long, Author> byId = authors.of(all.stream().map(Comment::userId).toList());
        Map<Long, List<Comment>> children = new HashMap<>();
        List<Comment> roots = new ArrayList<>();
        for (Comment comment : all) {
            if (comment.parentId() == null) {
                roots.add(comment);
            } else {
                children.computeIfAbsent(comment.parentId(), k -> new ArrayList<>()).add(comment);
            }
        }
        return new CommentList(threads(roots, children, byId), all.size());
    }

    CommentView update(Caller caller, long id, CommunityRequests.UpdateComment request) {
        Comment comment = require(caller, id);
        if (comment.userId() != caller.userId()) {
            events.publishEvent(AuditEvent.failure(caller.userId(), caller.username(), "update_comment", "comment", id,
                    "not the author"));
            throw new ForbiddenException("only the author of comment " + id + " may edit it");
        }
        String content = content(request.content());
        if (!comments.updateContent(id, content, clock.millis())) {
            throw notFound(id);
        }
        events.publishEvent(AuditEvent.success(caller.userId(), caller.username(), "update_comment", "comment", id,
                "post_id=" + comment.postId()));
        return view(require(caller, id), List.of());
    }

    /** Deletes the comment with its replies. */
    void delete(Caller caller, long id) {
        Comment comment = require(caller, id);
        Post post = posts.requireVisible(caller, comment.postId());
        if (comment.userId() != caller.userId() && post.userId() != caller.userId() && !caller.admin()) {
            events.publishEvent(AuditEvent.failure(caller.userId(), caller.username(), "delete_comment", "comment", id,
                    "neither the comment's nor the post's author"));
            throw new ForbiddenException("only the author of comment " + id + ", the author of its post or an administrator "
                    + "may delete it");
        }
        long left = comments.delete(comment.postId(), id);
        events.publishEvent(AuditEvent.success(caller.userId(), caller.username(), "delete_comment", "comment", id,
                "post_id=" + comment.postId() + " author_id=" + comment.userId() + " comments_left=" + left));
    }

    LikeToggled like(Caller caller, long id) {
        require(caller, id);
        Reactions.Toggled toggled;
        try {
            toggled = reactions.toggle(Reactions.Kind.COMMENT_LIKE, id, caller.userId(), clock.millis())
                    .orElseThrow(() -> notFound(id));
        } catch (DataIntegrityViolationException e) {
            throw notFound(id); // deleted between the check and the toggle
        }
        events.publishEvent(AuditEvent.success(caller.userId(), caller.username(), "like_comment", "comment", id,
                "liked=" + toggled.on() + " like_count=" + toggled.count()));
        return new LikeToggled(toggled.on(), toggled.count());
    }

    /** The comment if the caller may see its post. */
    private Comment require(Caller caller, long id) {
        Comment comment = comments.find(caller.userId(), id).orElseThrow(() -> notFound(id));
        try {
            posts.requireVisible(caller, comment.postId());
        } catch (NotFoundException e) {
            throw notFound(id);
        }
        return comment;
    }

    private List<CommentView> threads(List<Comment> level, Map<Long, List<Comment>> children, Map<Long, Author> authors) {
        return level.stream().map(comment -> CommentView.of(comment, authors.get(comment.userId()),
                threads(children.getOrDefault(comment.id(), List.of()), children, authors))).toList();
    }

    private CommentView view(Comment comment, List<CommentView> replies) {
        return CommentView.of(comment, authors.of(comment.userId()), replies);
    }

    private static String content(String value) {
        if (value == null || value.isBlank()) {
            throw new BadRequestException("content is required (Markdown, 1 to " + MAX_LENGTH + " characters)");
        }
        if (value.length() > MAX_LENGTH) {
            throw new BadRequestException("content must be at most " + MAX_LENGTH + " characters, got " + value.length());
        }
        Markdown.requireRenderable("content", value);
        return value;
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("comment " + id + " not found");
    }
}
