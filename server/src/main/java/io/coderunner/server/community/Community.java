package io.coderunner.server.community;

import org.springframework.stereotype.Service;

/** What other modules may ask of the community: a user's public numbers. */
@Service
public class Community {

    private final PostRepository posts;
    private final FollowRepository follows;

    Community(PostRepository posts, FollowRepository follows) {
        this.posts = posts;
        this.follows = follows;
    }

    /** The user's public posts (private ones are nobody else's business). */
    public long postCount(long userId) {
        return posts.countPublic(userId);
    }

    public long followerCount(long userId) {
        return follows.countFollowers(userId);
    }

    public long followingCount(long userId) {
        return follows.countFollowing(userId);
    }

    /** Likes on the user's public posts. */
    public long likesReceived(long userId) {
        return posts.likesOnPublicPosts(userId);
    }
}
