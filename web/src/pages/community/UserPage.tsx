import { UserOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Card, Empty, List, Space, Spin, Statistic, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { Author, PostList, UserProfile } from '../../api/types';
import { messageOf, useLoad } from '../../api/useLoad';
import { useAuth } from '../../auth/AuthContext';
import { formatTime } from '../../components/format';
import { PostCard } from './PostCard';
import { usePageTitle } from '../../components/PageTitle';

function People({ path }: { path: string }) {
  const people = useLoad(() => api.get<{ users: Author[] }>(path, { limit: 100 }), [path]);
  return (
    <List
      loading={people.loading}
      dataSource={people.data?.users ?? []}
      renderItem={(person) => (
        <List.Item>
          <Link to={`/users/${encodeURIComponent(person.username)}`}>{person.username}</Link>
          {person.full_name ? <Typography.Text type="secondary"> · {person.full_name}</Typography.Text> : null}
        </List.Item>
      )}
    />
  );
}

/** Someone's public page: counts, follow, their posts, who follows them and whom they follow. */
export function UserPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { username = '' } = useParams();
  const { user: me } = useAuth();
  const profile = useLoad(() => api.get<UserProfile>(`/users/by-username/${encodeURIComponent(username)}`), [username]);
  const id = profile.data?.id;
  const status = useLoad(
    () => (id && me && id !== me.id ? api.get<{ is_following: boolean; is_followed_by: boolean }>(`/users/${id}/follow-status`) : Promise.resolve(undefined)),
    [id, me?.id],
  );
  const posts = useLoad(() => (id ? api.get<PostList>(`/users/${id}/posts`, { limit: 50 }) : Promise.resolve(undefined)), [id]);

  const follow = async () => {
    try {
      await api.post(`/community/follow/${id}`);
      await Promise.all([status.reload(), profile.reload()]);
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  usePageTitle(profile.data?.username);
  if (profile.error) {
    return <Empty description={profile.error.message} />;
  }
  if (!profile.data) {
    return <Spin />;
  }
  const person = profile.data;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Space size="large" wrap align="center">
          <Avatar size={64} icon={<UserOutlined />} />
          <div>
            <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
              {person.username}
            </Typography.Title>
            <Typography.Text type="secondary">
              {person.full_name ? `${person.full_name} · ` : ''}
              {t('user.memberSince', { date: formatTime(person.created_at) })}
            </Typography.Text>
          </div>
          <Statistic title={t('user.posts')} value={person.post_count} />
          <Statistic title={t('user.followers')} value={person.follower_count} />
          <Statistic title={t('user.following')} value={person.following_count} />
          {status.data ? (
            <Button type={status.data.is_following ? 'default' : 'primary'} onClick={follow} id="follow-button">
              {status.data.is_following ? t('user.unfollow') : t('user.follow')}
            </Button>
          ) : null}
        </Space>
      </Card>
      <Card>
        <Tabs
          items={[
            {
              key: 'posts',
              label: t('user.posts'),
              children: (
                <Spin spinning={posts.loading}>
                  {posts.data && posts.data.posts.length === 0 ? <Empty /> : null}
                  {(posts.data?.posts ?? []).map((post) => (
                    <PostCard key={post.id} post={post} />
                  ))}
                </Spin>
              ),
            },
            { key: 'followers', label: t('user.followers'), children: <People path={`/users/${person.id}/followers`} /> },
            { key: 'following', label: t('user.following'), children: <People path={`/users/${person.id}/following`} /> },
          ]}
        />
      </Card>
    </Space>
  );
}
