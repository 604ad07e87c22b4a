package io.coderunner.server.community;

import io.coderunner.server.accounts.Accounts;
import io.coderunner.server.accounts.UserAccount;
import io.coderunner.server.community.CommunityViews.FollowStatus;
import io.coderunner.server.community.CommunityViews.FollowView;
import io.coderunner.server.community.CommunityViews.UserList;
import io.coderunner.server.community.CommunityViews.UserProfile;
import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.http.Page;
import io.coderunner.server.http.Timestamps;
import io.coderunner.server.security.Caller;
import io.coderunner.server.system.AuditEvent;
import java.time.Clock;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Following users, and finding users: their followers, whom they follow, and their profile's numbers. */
@Service
class FollowService {

    private final FollowRepository follows;
    private final PostRepository posts;
    private final Authors authors;
    private final Accounts accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    FollowService(FollowRepository follows, PostRepository posts, Authors authors, Accounts accounts,
                  ApplicationEventPublisher events, Clock clock) {
        this.follows = follows;
        this.posts = posts;
        this.authors = authors;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    FollowView toggle(Caller caller, long userId) {
        if (userId == caller.userId()) {
            throw new BadRequestException("you cannot follow yourself");
        }
        UserAccount user = authors.require(userId);
        boolean following;
        try {
            following = follows.toggle(caller.userId(), userId, clock.millis());
        } catch (DataIntegrityViolationException e) {
            throw new NotFoundException("user " + userId + " not found"); // deleted meanwhile
        }
        events.publishEvent(AuditEvent.success(caller.userId(), caller.username(), following ? "follow_user" : "unfollow_user",
                "user", userId, "username=" + user.username()));
        if (following) {
            events.publishEvent(new UserFollowed(caller.userId(), caller.username(), userId));
        }
        return new FollowView(following, follows.countFollowers(userId), follows.countFollowing(userId));
    }

    FollowStatus status(Caller caller, long userId) {
        authors.require(userId);
        return new FollowStatus(follows.follows(caller.userId(), userId), follows.follows(userId, caller.userId()));
    }

    UserList followers(long userId, Page page) {
        authors.require(userId);
        return users(follows.followers(userId, page), follows.countFollowers(userId), page);
    }

    UserList following(long userId, Page page) {
        authors.require(userId);
        return users(follows.following(userId, page), follows.countFollowing(userId), page);
    }

    /** post_count counts the posts the caller may see: all of their own, the public ones of others. */
    UserProfile byUsername(Caller caller, String username) {
        UserAccount user = accounts.findByUsername(username)
                .orElseThrow(() -> new NotFoundException("user '" + username + "' not found"));
        return new UserProfile(user.id(), user.username(), user.fullName(), Timestamps.iso(user.createdAt()),
                follows.countFollowers(user.id()), follows.countFollowing(user.id()),
                posts.count(PostFilter.byUser(caller.userId(), user.id())));
    }

    private UserList users(List<Long> ids, long total, Page page) {
        return new UserList(ids.stream().map(authors::of).toList(), total, page.skip(), page.limit());
    }
}
