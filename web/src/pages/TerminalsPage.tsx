import { CodeOutlined, DeleteOutlined, DownloadOutlined, EditOutlined, LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../api/client';
import { messageOf, useLoad } from '../api/useLoad';
import { formatBytes, formatTime } from '../components/format';
import { TerminalScreen } from '../terminal/TerminalScreen';
import { shareUrl } from '../terminal/terminalProtocol';
import type { ProjectView } from './workspaces/WorkspacesPage';
import { PageTitle } from '../components/PageTitle';

export interface TerminalSessionView {
  id: string;
  title: string;
  status: string;
  share_token: string | null;
  created_at: string;
  project: string | null;
}

interface FileEntry {
  name: string;
  path: string;
  type: string;
  size: number;
}

/** The user's terminal sessions: create, open (xterm.js), rename, share, files, delete. */
export function TerminalsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const openId = params.get('open');
  const sessions = useLoad(() => api.get<TerminalSessionView[]>('/ccresearch/sessions'), []);
  const projects = useLoad(() => api.get<ProjectView[]>('/workspace/projects'), []);
  const [title, setTitle] = useState('');
  const [project, setProject] = useState<string>();

  const guarded = async (action: () => Promise<unknown>) => {
    try {
      await action();
      await sessions.reload();
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  const create = () =>
    guarded(async () => {
      const made = await api.post<TerminalSessionView>('/ccresearch/sessions', { title: title.trim() || undefined, project });
      setTitle('');
      setParams({ open: made.id });
    });

  const open = sessions.data?.find((s) => s.id === openId);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={<PageTitle>{t('terminals.title')}</PageTitle>}>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input id="terminal-title" value={title} onChange={(e) => setTitle(e.target.value)} placeholder={t('terminals.sessionTitle')} style={{ width: 240 }} />
          <Select allowClear style={{ width: 200 }} placeholder={t('terminals.project')} aria-label={t('terminals.project')} value={project} onChange={setProject}
            options={(projects.data ?? []).map((p) => ({ value: p.name, label: p.name }))} />
          <Button id="terminal-create" type="primary" icon={<PlusOutlined />} onClick={create}>{t('terminals.create')}</Button>
        </Space>
        <Table<TerminalSessionView>
          rowKey="id"
          loading={sessions.loading}
          dataSource={sessions.data ?? []}
          pagination={false}
          scroll={{ x: true }}
          columns={[
            { title: t('terminals.sessionTitle'), dataIndex: 'title', render: (v: string, s) => <a onClick={() => setParams({ open: s.id })}><CodeOutlined /> {v}</a> },
            { title: t('terminals.status'), dataIndex: 'status' },
            { title: t('terminals.project'), dataIndex: 'project' },
            { title: t('admin.created'), dataIndex: 'created_at', render: formatTime, responsive: ['md'] },
            {
              title: '',
              key: 'delete',
              render: (_, s) => (
                <Popconfirm title={t('terminals.confirmDelete', { name: s.title })} okText={t('common.delete')} cancelText={t('common.cancel')}
                  onConfirm={() => guarded(async () => { await api.delete(`/ccresearch/sessions/${s.id}`); if (s.id === openId) setParams({}); })}>
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
      {open && <OpenSession key={open.id} session={open} onChange={() => sessions.reload()} />}
    </Space>
  );
}

function OpenSession({ session, onChange }: { session: TerminalSessionView; onChange: () => Promise<void> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [name, setName] = useState(session.title);
  const files = useLoad(() => api.get<{ files: FileEntry[] }>(`/ccresearch/sessions/${session.id}/files`), [session.id]);

  const guarded = async (action: () => Promise<unknown>) => {
    try {
      await action();
      await onChange();
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  return (
    <Card title={session.title} extra={
      <Space wrap>
        <Space.Compact>
          <Input value={name} onChange={(e) => setName(e.target.value)} style={{ width: 180 }} aria-label={t('terminals.rename')} />
          <Button icon={<EditOutlined />} onClick={() => guarded(() => api.request(`/ccresearch/sessions/${session.id}/rename`, { method: 'PATCH', body: { title: name } }))}>{t('terminals.rename')}</Button>
        </Space.Compact>
        {session.share_token ? (
          <Button onClick={() => guarded(() => api.delete(`/ccresearch/sessions/${session.id}/share`))}>{t('terminals.unshare')}</Button>
        ) : (
          <Button icon={<LinkOutlined />} onClick={() => guarded(() => api.post(`/ccresearch/sessions/${session.id}/share`, {}))}>{t('terminals.share')}</Button>
        )}
      </Space>
    }>
      {session.share_token && (
        <Typography.Paragraph copyable data-testid="terminal-share-url">{shareUrl(window.location.origin, session.share_token)}</Typography.Paragraph>
      )}
      <TerminalScreen sessionId={session.id} onStateChange={() => void onChange()} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('terminals.files')} <Button size="small" onClick={() => files.reload()}>{t('terminals.refresh')}</Button>
      </Typography.Title>
      <Table<FileEntry>
        rowKey="path"
        size="small"
        pagination={false}
        loading={files.loading}
        dataSource={files.data?.files ?? []}
        columns={[
          { title: t('terminals.file'), dataIndex: 'path' },
          { title: t('workspaces.size'), dataIndex: 'size', render: formatBytes },
          {
            title: '',
            key: 'download',
            render: (_, f) => f.type === 'file' ? (
              <Button size="small" icon={<DownloadOutlined />} href={`/ccresearch/sessions/${session.id}/files/download?path=${encodeURIComponent(f.path)}`}>{t('workspaces.download')}</Button>
            ) : null,
          },
        ]}
      />
    </Card>
  );
}
