import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Form, Input, Modal, Pagination, Segmented, Select, Space, Spin, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import type { Language, Post, PostList } from '../../api/types';
import { messageOf, useLoad } from '../../api/useLoad';
import { useAuth } from '../../auth/AuthContext';
import { useSignedInOrAsk } from '../../auth/signIn';
import { CodeEditor } from '../../components/CodeEditor';
import { PostCard } from './PostCard';
import { PageTitle } from '../../components/PageTitle';

const PAGE_SIZE = 10;

interface NewPostFields {
  title: string;
  content: string;
  tags: string[];
  code_language?: string;
  is_public: boolean;
}

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
  const [snippet, setSnippet] = useState('');
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<NewPostFields>();
  const codeLanguage = Form.useWatch('code_language', form);
  const languages = useLoad(() => api.get<Language[]>('/api/languages'), []);
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

  const publish = async (values: NewPostFields) => {
    setBusy(true);
    try {
      const post = await api.post<Post>('/community/posts', {
        ...values,
        code_snippet: snippet.trim() ? snippet : undefined,
        code_language: snippet.trim() ? values.code_language : undefined,
      });
      setWriting(false);
      form.resetFields();
      setSnippet('');
      navigate(`/community/posts/${post.id}`);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(false);
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
      <Modal
        open={writing}
        title={t('community.newPost')}
        onCancel={() => setWriting(false)}
        onOk={() => form.submit()}
        okText={t('community.publish')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        okButtonProps={{ id: 'publish-post' }}
        width={720}
      >
        <Form<NewPostFields> form={form} layout="vertical" onFinish={publish} initialValues={{ is_public: true, tags: [] }} requiredMark={false}>
          <Form.Item name="title" label={t('community.postTitle')} rules={[{ required: true, message: t('form.required') }]}>
            <Input id="post-title" maxLength={200} />
          </Form.Item>
          <Form.Item name="content" label={t('community.content')} rules={[{ required: true, message: t('form.required') }]} extra={t('community.markdown')}>
            <Input.TextArea rows={6} id="post-content" />
          </Form.Item>
          <Form.Item name="code_language" label={t('community.snippetLanguage')}>
            <Select allowClear options={(languages.data ?? []).map((l) => ({ value: l.id, label: l.name }))} />
          </Form.Item>
          <Form.Item label={t('community.snippet')}>
            <CodeEditor value={snippet} onChange={setSnippet} language={codeLanguage} height="160px" />
          </Form.Item>
          <Form.Item name="tags" label={t('library.tags')}>
            <Select mode="tags" tokenSeparators={[',', ' ']} open={false} />
          </Form.Item>
          <Form.Item name="is_public" label={t('library.public')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
