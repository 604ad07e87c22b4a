import { DeleteOutlined, FolderOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Popconfirm, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { messageOf, useLoad } from '../../api/useLoad';
import { formatBytes, formatTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';

export interface ProjectView {
  name: string;
  created_at: string;
  size: number;
  note_count: number;
}

/** The user's workspace projects. Terminal sessions will open from a project once the server offers them. */
export function WorkspacesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const projects = useLoad(() => api.get<ProjectView[]>('/workspace/projects'), []);
  const [name, setName] = useState('');

  const guarded = async (action: () => Promise<unknown>) => {
    try {
      await action();
      await projects.reload();
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  return (
    <Card title={<PageTitle>{t('workspaces.title')}</PageTitle>}>
      <Space.Compact style={{ marginBottom: 16, maxWidth: 420, width: '100%' }}>
        <Input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('workspaces.newProject')} onPressEnter={() => guarded(async () => { await api.post('/workspace/projects', { name }); setName(''); })} />
        <Button type="primary" icon={<PlusOutlined />} disabled={!name.trim()} onClick={() => guarded(async () => { await api.post('/workspace/projects', { name }); setName(''); })}>
          {t('workspaces.create')}
        </Button>
      </Space.Compact>
      <Table<ProjectView>
        rowKey="name"
        loading={projects.loading}
        dataSource={projects.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('workspaces.name'), dataIndex: 'name', render: (n: string) => <Link to={`/workspaces/${encodeURIComponent(n)}`}><FolderOutlined /> {n}</Link> },
          { title: t('workspaces.size'), dataIndex: 'size', render: formatBytes },
          { title: t('workspaces.notes'), dataIndex: 'note_count' },
          { title: t('admin.created'), dataIndex: 'created_at', render: formatTime, responsive: ['md'] },
          {
            title: '',
            key: 'delete',
            render: (_, project) => (
              <Popconfirm title={t('workspaces.confirmDelete', { name: project.name })} onConfirm={() => guarded(() => api.delete(`/workspace/projects/${encodeURIComponent(project.name)}`))} okText={t('common.delete')} cancelText={t('common.cancel')}>
                <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
              </Popconfirm>
            ),
          },
        ]}
      />
    </Card>
  );
}
