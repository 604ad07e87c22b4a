import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Input, Pagination, Segmented, Space, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import type { Post, PostList } from '../../api/types';
import { messageOf, useLoad } from '../../api/useLoad';
import { useAuth } from '../../auth/AuthContext';
import { useSignedInOrAsk } from '../../auth/signIn';
import { PostCard } from './PostCard';
import { PostFormModal, type PostFields } from './PostFormModal';
import { PageTitle } from '../../components/PageTitle';

const PAGE_SIZE = 10;

export function CommunityPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { user } = useAuth();
  const signedIn = useSignedInOrAsk();
  const [feed, setFeed] = useState<'all' | 'following'>('all');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [writing, setWriting] = useState(false);
  const posts = useLoad(
    () =>
      api.get<PostList>('/community/posts', {
        skip: (page - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
        following: feed === 'following' ? true : undefined,
        search,
      }),
    [feed, search, page],
  );

  const publish = async (fields: PostFields) => {
    try {
      const post = await api.post<Post>('/community/posts', fields);
      setWriting(false);
      navigate(`/community/posts/${post.id}`);
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  return (
    <Card
      title={<PageTitle>{t('community.title')}</PageTitle>}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => signedIn() && setWriting(true)} id="new-post">
          {t('community.newPost')}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        {user ? (
        <Segmented
          value={feed}
          onChange={(value) => {
            setFeed(value as 'all' | 'following');
            setPage(1);
          }}
          options={[
            { value: 'all', label: t('community.all') },
            { value: 'following', label: t('community.following') },
          ]}
        />
        ) : null}
        <Input.Search
          allowClear
          placeholder={t('community.search')}
          onSearch={(value) => {
            setSearch(value);
            setPage(1);
          }}
          style={{ width: 240 }}
        />
      </Space>
      <Spin spinning={posts.loading}>
        {posts.data && posts.data.posts.length === 0 ? <Empty description={t('community.empty')} /> : null}
        {(posts.data?.posts ?? []).map((post) => (
          <PostCard key={post.id} post={post} />
        ))}
      </Spin>
      {posts.data && posts.data.total > PAGE_SIZE ? (
        <Pagination current={page} pageSize={PAGE_SIZE} total={posts.data.total} onChange={setPage} />
      ) : null}
      <PostFormModal
        open={writing}
        title={t('community.newPost')}
        okText={t('community.publish')}
        okId="publish-post"
        onCancel={() => setWriting(false)}
        onSubmit={publish}
      />
    </Card>
  );
}
