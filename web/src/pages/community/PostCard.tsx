import { CommentOutlined, HeartFilled, HeartOutlined, StarFilled, StarOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { Post } from '../../api/types';
import { messageOf } from '../../api/useLoad';
import { useSignedInOrAsk } from '../../auth/signIn';
import { formatTime } from '../../components/format';
import { RenderedMarkdown } from '../../components/RenderedMarkdown';

/** Likes and favourites of a post, kept as the server answers them. */
export function usePostReactions(initial: Post) {
  const { message } = App.useApp();
  const [post, setPost] = useState(initial);
  const signedIn = useSignedInOrAsk();
  const like = async () => {
    if (!signedIn()) {
      return;
    }
    try {
      const answer = await api.post<{ liked: boolean; like_count: number }>(`/community/posts/${post.id}/like`);
      setPost((p) => ({ ...p, liked: answer.liked, like_count: answer.like_count }));
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  const favorite = async () => {
    if (!signedIn()) {
      return;
    }
    try {
      const answer = await api.post<{ favorited: boolean; favorite_count: number }>(`/community/posts/${post.id}/favorite`);
      setPost((p) => ({ ...p, favorited: answer.favorited, favorite_count: answer.favorite_count }));
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  return { post, like, favorite };
}

export function ReactionButtons({ post, like, favorite }: ReturnType<typeof usePostReactions>) {
  const { t } = useTranslation();
  return (
    <Space>
      <Button type="text" icon={post.liked ? <HeartFilled style={{ color: '#eb2f96' }} /> : <HeartOutlined />} onClick={like} aria-label={t('community.like')}>
        {post.like_count}
      </Button>
      <Button type="text" icon={post.favorited ? <StarFilled style={{ color: '#faad14' }} /> : <StarOutlined />} onClick={favorite} aria-label={t('community.favorite')}>
        {post.favorite_count}
      </Button>
      <Link to={`/community/posts/${post.id}`}>
        <Button type="text" icon={<CommentOutlined />}>
          {post.comment_count}
        </Button>
      </Link>
    </Space>
  );
}

export function PostCard({ post: initial }: { post: Post }) {
  const reactions = usePostReactions(initial);
  const { post } = reactions;
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="post-card">
      <Typography.Title level={2} style={{ marginTop: 0, fontSize: 16 }}>
        <Link to={`/community/posts/${post.id}`}>{post.title}</Link>
      </Typography.Title>
      <Typography.Text type="secondary">
        <Link to={`/users/${encodeURIComponent(post.author.username)}`}>{post.author.username}</Link> · {formatTime(post.created_at)}
      </Typography.Text>
      <div style={{ marginTop: 8 }}>
        <RenderedMarkdown html={post.content_html} excerpt testId="post-excerpt" />
      </div>
      <Space wrap>
        {post.tags.map((tag) => (
          <Tag key={tag}>{tag}</Tag>
        ))}
      </Space>
      <div>
        <ReactionButtons {...reactions} />
      </div>
    </Card>
  );
}
