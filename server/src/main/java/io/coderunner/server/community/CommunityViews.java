package io.coderunner.server.community;

import io.coderunner.server.http.Page;
import io.coderunner.server.http.Timestamps;
import java.util.List;

/** What the community endpoints answer (seed 004's PostResponse, CommentResponse, FollowResponse and dicts). */
final class CommunityViews {

    private CommunityViews() {
    }

    /** content_html is the content rendered safely: raw HTML escaped, unsafe links removed. */
    record PostView(long id, long userId, Author author, String title, String content, String contentHtml, String codeSnippet,
                    String codeLanguage, List<String> tags, boolean isPublic, long likeCount, long favoriteCount,
                    long commentCount, boolean liked, boolean favorited, String createdAt, String updatedAt) {

        static PostView of(Post post, Author author) {
            return new PostView(post.id(), post.userId(), author, post.title(), post.content(), Markdown.toHtml(post.content()),
                    post.codeSnippet(), post.codeLanguage(), post.tags(), post.isPublic(), post.likeCount(),
                    post.favoriteCount(), post.commentCount(), post.liked(), post.favorited(), Timestamps.iso(post.createdAt()),
                    Timestamps.iso(post.updatedAt()));
        }
    }

    record PostList(List<PostView> posts, long total, int skip, int limit) {

        static PostList of(List<PostView> posts, long total, Page page) {
            return new PostList(posts, total, page.skip(), page.limit());
        }
    }

    /** replies: the answers to this comment, oldest first, each with its own replies. */
    record CommentView(long id, long postId, long userId, Author author, String content, String contentHtml, Long parentId,
                       long likeCount, boolean liked, String createdAt, String updatedAt, List<CommentView> replies) {

        static CommentView of(Comment comment, Author author, List<CommentView> replies) {
            return new CommentView(comment.id(), comment.postId(), comment.userId(), author, comment.content(),
                    Markdown.toHtml(comment.content()), comment.parentId(), comment.likeCount(), comment.liked(),
                    Timestamps.iso(comment.createdAt()), Timestamps.iso(comment.updatedAt()), replies);
        }
    }

    /** total: every comment on the post, replies included. */
    record CommentList(List<CommentView> comments, long total) {
    }

    record LikeToggled(boolean liked, long likeCount) {
    }

    record FavoriteToggled(boolean favorited, long favoriteCount) {
    }

    /** The counts are the followed user's. */
    record FollowView(boolean following, long followerCount, long followingCount) {
    }

    record FollowStatus(boolean isFollowing, boolean isFollowedBy) {
    }

    record UserList(List<Author> users, long total, int skip, int limit) {
    }

    record UserProfile(long id, String username, String fullName, String createdAt, long followerCount, long followingCount,
                       long postCount) {
    }

    record Message(String message) {
    }
}
