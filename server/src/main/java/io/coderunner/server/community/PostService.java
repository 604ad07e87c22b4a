package io.coderunner.server.community;

import io.coderunner.server.community.CommunityViews.FavoriteToggled;
import io.coderunner.server.community.CommunityViews.LikeToggled;
import io.coderunner.server.community.CommunityViews.PostList;
import io.coderunner.server.community.CommunityViews.PostView;
import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.http.ForbiddenException;
import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.http.Page;
import io.coderunner.server.security.Caller;
import io.coderunner.server.system.AuditEvent;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

/**
 * Posts: writing, reading, deleting, liking and keeping them. A private post is its author's
 * alone: to anyone else it does not exist (404), so ids do not tell which private posts there are.
 */
@Service
class PostService {

    private final PostRepository posts;
    private final Reactions reactions;
    private final Authors authors;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PostService(PostRepository posts, Reactions reactions, Authors authors, ApplicationEventPublisher events, Clock clock) {
        this.posts = posts;
        this.reactions = reactions;
        this.authors = authors;
        this.events = events;
        this.clock = clock;
    }

    PostView create(Caller caller, CommunityRequests.CreatePost request) {
        NewPost post = NewPost.of(request);
        long id = posts.insert(caller.userId(), post, clock.millis());
        events.publishEvent(AuditEvent.success(caller.userId(), caller.username(), "create_post", "post", id,
                "title=" + Audit.excerpt(post.title()) + " public=" + post.isPublic()));
        return view(requireVisible(caller, id));
    }

    /**
     * Only the author changes a post: an administrator may remove others' words but not rewrite
     * them. Whoever cannot see the post is told it does not exist.
     */
    PostView update(Caller caller, long id, CommunityRequests.UpdatePost request) {
        if (request == null) {
            throw new BadRequestException("request body is required");
        }
        Post current = requireVisible(caller, id);
        if (current.userId() != caller.userId()) {
            events.publishEvent(AuditEvent.failure(caller.userId(), caller.username(), "update_post", "post", id,
                    "not the author"));
            throw new ForbiddenException("only the author of post " + id + " may edit it");
        }
        NewPost post = NewPost.of(request.appliedTo(current));
        // Later than the last change even within the same millisecond, so that clients see that it changed.
        long now = Math.max(clock.millis(), current.updatedAt() + 1);
        if (!posts.update(id, caller.userId(), post, now)) {
            throw notFound(id);
        }
        events.publishEvent(AuditEvent.success(caller.userId(), caller.username(), "update_post", "post", id,
                "title=" + Audit.excerpt(post.title()) + " public=" + post.isPublic() + " changed="
                        + String.join(",", request.given())));
        return view(requireVisible(caller, id));
    }

    PostList list(Caller caller, PostFilter filter, Page page) {
        List<Post> found = posts.list(filter, page);
        Map<Long, Author> byId = authors.of(found.stream().map(Post::userId).toList());
        return PostList.of(found.stream().map(post -> PostView.of(post, byId.get(post.userId()))).toList(),
                posts.count(filter), page);
    }

    /** A user's posts as the caller may see them: all of their own, only the public ones of others. */
    PostList listOfUser(Caller caller, long userId, Page page) {
        authors.require(userId);
        return list(caller, PostFilter.byUser(caller.userId(), userId), page);
    }

    PostView get(Caller caller, long id) {
        return view(requireVisible(caller, id));
    }

    /** The author or an administrator (who may remove any post, private ones included). */
    void delete(Caller caller, long id) {
        Post post = posts.find(caller.userId(), id).filter(p -> p.visibleTo(caller.userId()) || caller.admin())
                .orElseThrow(() -> notFound(id));
        if (post.userId() != caller.userId() && !caller.admin()) {
            events.publishEvent(AuditEvent.failure(caller.userId(), caller.username(), "delete_post", "post", id,
                    "not the author"));
            throw new ForbiddenException("only the author of post " + id + " or an administrator may delete it");
        }
        if (!posts.delete(id)) {
            throw notFound(id);
        }
        events.publishEvent(AuditEvent.success(caller.userId(), caller.username(), "delete_post", "post", id,
                "title=" + Audit.excerpt(post.title()) + " author_id=" + post.userId()));
    }

    LikeToggled like(Caller caller, long id) {
        Reactions.Toggled toggled = toggle(caller, id, Reactions.Kind.POST_LIKE);
        events.publishEvent(AuditEvent.success(caller.userId(), caller.username(), "like_post", "post", id,
                "liked=" + toggled.on() + " like_count=" + toggled.count()));
        return new LikeToggled(toggled.on(), toggled.count());
    }

    FavoriteToggled favorite(Caller caller, long id) {
        Reactions.Toggled toggled = toggle(caller, id, Reactions.Kind.POST_FAVORITE);
        events.publishEvent(AuditEvent.success(caller.userId(), caller.username(), "favorite_post", "post", id,
                "favorited=" + toggled.on() + " favorite_count=" + toggled.count()));
        return new FavoriteToggled(toggled.on(), toggled.count());
    }

    Post requireVisible(Caller caller, long id) {
        return posts.find(caller.userId(), id).filter(post -> post.visibleTo(caller.userId())).orElseThrow(() -> notFound(id));
    }

    private Reactions.Toggled toggle(Caller caller, long id, Reactions.Kind kind) {
        requireVisible(caller, id);
        try {
            return reactions.toggle(kind, id, caller.userId(), clock.millis()).orElseThrow(() -> notFound(id));
        } catch (DataIntegrityViolationException e) {
            throw notFound(id); // deleted between the check and the toggle
        }
    }

    private PostView view(Post post) {
        return PostView.of(post, authors.of(post.userId()));
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("post " + id + " not found");
    }
}
