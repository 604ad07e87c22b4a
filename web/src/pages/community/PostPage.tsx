import { DeleteOutlined, EditOutlined, HeartFilled, HeartOutlined } from '@ant-design/icons';
import { App, Button, Card, Divider, Empty, Input, Popconfirm, Space, Spin, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { Comment, Post } from '../../api/types';
import { messageOf, useLoad } from '../../api/useLoad';
import { useAuth } from '../../auth/AuthContext';
import { useSignedInOrAsk } from '../../auth/signIn';
import { CodeEditor } from '../../components/CodeEditor';
import { formatTime } from '../../components/format';
import type { EditorSeed } from '../EditorPage';
import { ReactionButtons, usePostReactions } from './PostCard';
import { usePageTitle } from '../../components/PageTitle';
import { RenderedMarkdown } from '../../components/RenderedMarkdown';
import { PostFormModal, type PostFields } from './PostFormModal';


function CommentForm({ onSubmit, placeholder, id }: { onSubmit: (text: string) => Promise<void>; placeholder: string; id?: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!text.trim()) {
      return;
    }
    setBusy(true);
    try {
      await onSubmit(text);
      setText('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} placeholder={placeholder} autoSize={{ minRows: 1, maxRows: 6 }} id={id} />
      <Button type="primary" onClick={submit} loading={busy} id={id ? `${id}-submit` : undefined}>
        {t('community.send')}
      </Button>
    </Space.Compact>
  );
}

function CommentThread({ comment, depth, actions }: { comment: Comment; depth: number; actions: CommentActions }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [replying, setReplying] = useState(false);
  return (
    <div style={{ marginLeft: depth > 0 ? 24 : 0, borderLeft: depth > 0 ? '2px solid rgba(127,127,127,0.2)' : undefined, paddingLeft: depth > 0 ? 12 : 0 }} data-testid="comment">
      <Typography.Text strong>
        <Link to={`/users/${encodeURIComponent(comment.author.username)}`}>{comment.author.username}</Link>
      </Typography.Text>{' '}
      <Typography.Text type="secondary">{formatTime(comment.created_at)}</Typography.Text>
      <RenderedMarkdown html={comment.content_html} />
      <Space size="small">
        <Button size="small" type="text" icon={comment.liked ? <HeartFilled style={{ color: '#eb2f96' }} /> : <HeartOutlined />} onClick={() => actions.like(comment)}>
          {comment.like_count}
        </Button>
        {user && depth < 4 ? (
          <Button size="small" type="text" onClick={() => setReplying((r) => !r)}>
            {t('community.reply')}
          </Button>
        ) : null}
        {user && (user.id === comment.user_id || user.is_admin) ? (
          <Popconfirm title={t('community.confirmDeleteComment')} onConfirm={() => actions.remove(comment)} okText={t('common.delete')} cancelText={t('common.cancel')}>
            <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
          </Popconfirm>
        ) : null}
      </Space>
      {replying ? (
        <div style={{ margin: '8px 0' }}>
          <CommentForm
            placeholder={t('community.replyPlaceholder')}
            onSubmit={async (text) => {
              await actions.reply(comment, text);
              setReplying(false);
            }}
          />
        </div>
      ) : null}
      {comment.replies.map((reply) => (
        <CommentThread key={reply.id} comment={reply} depth={depth + 1} actions={actions} />
      ))}
    </div>
  );
}

interface CommentActions {
  like: (comment: Comment) => Promise<void>;
  reply: (comment: Comment, text: string) => Promise<void>;
  remove: (comment: Comment) => Promise<void>;
}

/** The author's own post can be edited in the dialog it was written in (an administrator may only delete it). */
function EditPostButton({ post, onEdited }: { post: Post; onEdited: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const initial = useMemo<PostFields>(
    () => ({
      title: post.title,
      content: post.content,
      tags: post.tags,
      code_snippet: post.code_snippet,
      code_language: post.code_language,
      is_public: post.is_public,
    }),
    [post],
  );
  const save = async (fields: PostFields) => {
    try {
      await api.put<Post>(`/community/posts/${post.id}`, fields);
      setEditing(false);
      message.success(t('community.postSaved'));
      onEdited();
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  return (
    <>
      <Button icon={<EditOutlined />} onClick={() => setEditing(true)} id="edit-post">
        {t('community.editPost')}
      </Button>
      <PostFormModal
        open={editing}
        title={t('community.editPost')}
        okText={t('common.save')}
        okId="save-post"
        initial={initial}
        onCancel={() => setEditing(false)}
        onSubmit={save}
      />
    </>
  );
}

function PostBody({ post: initial, onDeleted, onEdited }: { post: Post; onDeleted: () => void; onEdited: () => void }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const navigate = useNavigate();
  const reactions = usePostReactions(initial);
  const { post } = reactions;
  usePageTitle(post.title);
  return (
    <>
      <Typography.Title level={1} style={{ marginTop: 0, fontSize: 24 }} data-testid="post-title">
        {post.title}
      </Typography.Title>
      <Typography.Text type="secondary">
        <Link to={`/users/${encodeURIComponent(post.author.username)}`}>{post.author.username}</Link> · {formatTime(post.created_at)}
        {post.is_public ? null : <Tag style={{ marginLeft: 8 }}>{t('library.private')}</Tag>}
      </Typography.Text>
      <Divider />
      <RenderedMarkdown html={post.content_html} testId="post-content" />
      {post.code_snippet ? (
        <>
          <CodeEditor value={post.code_snippet} language={post.code_language} readOnly height="auto" />
          <Button
            style={{ marginTop: 8 }}
            onClick={() => {
              const seed: EditorSeed = { language: post.code_language ?? 'python', code: post.code_snippet ?? '' };
              navigate('/editor', { state: seed });
            }}
          >
            {t('community.openInEditor')}
          </Button>
        </>
      ) : null}
      <div style={{ marginTop: 12 }}>
        {post.tags.map((tag) => (
          <Tag key={tag}>{tag}</Tag>
        ))}
      </div>
      <Space style={{ marginTop: 8 }}>
        <ReactionButtons {...reactions} />
        {user && user.id === post.user_id ? <EditPostButton post={post} onEdited={onEdited} /> : null}
        {user && (user.id === post.user_id || user.is_admin) ? (
          <Popconfirm
            title={t('community.confirmDeletePost')}
            onConfirm={async () => {
              await api.delete(`/community/posts/${post.id}`);
              onDeleted();
            }}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
          >
            <Button danger icon={<DeleteOutlined />}>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        ) : null}
      </Space>
    </>
  );
}

export function PostPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { id } = useParams();
  const { user } = useAuth();
  const signedIn = useSignedInOrAsk();
  const post = useLoad(() => api.get<Post>(`/community/posts/${id}`), [id]);
  const comments = useLoad(() => api.get<{ comments: Comment[]; total: number }>(`/community/posts/${id}/comments`), [id]);

  const guarded = async (action: () => Promise<unknown>) => {
    try {
      await action();
      await Promise.all([comments.reload(), post.reload()]);
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  const actions: CommentActions = {
    like: async (comment) => {
      if (signedIn()) {
        await guarded(() => api.post(`/community/comments/${comment.id}/like`));
      }
    },
    reply: (comment, text) => guarded(() => api.post(`/community/posts/${id}/comments`, { content: text, parent_id: comment.id })),
    remove: (comment) => guarded(() => api.delete(`/community/comments/${comment.id}`)),
  };

  if (post.error) {
    return <Empty description={post.error.message} />;
  }
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card>{post.data ? <PostBody key={`${post.data.id}-${post.data.comment_count}-${post.data.updated_at}`} post={post.data} onDeleted={() => navigate('/community')} onEdited={() => void post.reload()} /> : <Spin />}</Card>
      <Card title={t('community.comments', { count: comments.data?.total ?? 0 })}>
        {user ? (
          <CommentForm
            id="comment-input"
            placeholder={t('community.commentPlaceholder')}
            onSubmit={(text) => guarded(() => api.post(`/community/posts/${id}/comments`, { content: text }))}
          />
        ) : (
          <Typography.Link onClick={() => signedIn()} data-testid="sign-in-to-comment">
            {t('community.signInToComment')}
          </Typography.Link>
        )}
        <Divider />
        <Spin spinning={comments.loading}>
          {(comments.data?.comments ?? []).map((comment) => (
            <CommentThread key={comment.id} comment={comment} depth={0} actions={actions} />
          ))}
        </Spin>
      </Card>
    </Space>
  );
}
