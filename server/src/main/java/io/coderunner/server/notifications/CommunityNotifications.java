package io.coderunner.server.notifications;

import io.coderunner.server.community.CommentAdded;
import io.coderunner.server.community.UserFollowed;
import java.time.Clock;
import java.util.Objects;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Turns the community's events into notifications: the post's author hears of a comment, the
 * answered comment's author of a reply (once, even when they also wrote the post), the followed user
 * of a follower. Nobody is told of what they did themselves. Listeners of the publication registry:
 * a notification that could not be written is written when the event is handed back.
 */
@Component
class CommunityNotifications {

    private final NotificationRepository notifications;
    private final Clock clock;

    CommunityNotifications(NotificationRepository notifications, Clock clock) {
        this.notifications = notifications;
        this.clock = clock;
    }

    @ApplicationModuleListener(id = "notifications.comment-added")
    void on(CommentAdded event) {
        long now = clock.millis();
        Long replyTo = event.parentAuthorId();
        if (replyTo != null && replyTo != event.authorId()) {
            notifications.insert(replyTo, "reply", event.authorId(), event.authorUsername(), event.postId(), event.postTitle(), now);
        }
        if (event.postAuthorId() != event.authorId() && !Objects.equals(replyTo, event.postAuthorId())) {
            notifications.insert(event.postAuthorId(), "comment", event.authorId(), event.authorUsername(), event.postId(),
                    event.postTitle(), now);
        }
    }

    @ApplicationModuleListener(id = "notifications.user-followed")
    void on(UserFollowed event) {
        notifications.insert(event.followedId(), "follow", event.followerId(), event.followerUsername(), null, null, clock.millis());
    }
}
