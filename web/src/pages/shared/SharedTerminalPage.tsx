import { FileOutlined, FolderOutlined } from '@ant-design/icons';
import { Card, Descriptions, Empty, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { useLoad } from '../../api/useLoad';
import { ProblemAlert } from '../../components/ProblemAlert';
import { PageTitle } from '../../components/PageTitle';
import { formatBytes, formatTime } from '../../components/format';
import { ReplayScreen } from '../../terminal/ReplayScreen';

interface SharedSession {
  title: string;
  status: string;
  terminal_rows: number;
  terminal_cols: number;
  commands_executed: number;
  shared_at: string | null;
  created_at: string;
  last_activity_at: string;
}

interface SharedFile {
  name: string;
  path: string;
  type: 'file' | 'folder' | 'link' | 'other';
  size: number;
  modified_at: string;
}

/** What a terminal's share link shows anyone: its screen played back, and its files. */
export function SharedTerminalPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const base = `/ccresearch/share/${encodeURIComponent(token)}`;
  const session = useLoad(() => api.get<SharedSession>(base), [base]);
  const log = useLoad(() => api.get<{ log: string; bytes: number }>(`${base}/log`), [base]);
  const [folder, setFolder] = useState('');
  const files = useLoad(() => api.get<{ files: SharedFile[]; truncated: boolean }>(`${base}/files`, { path: folder }), [base, folder]);

  if (session.error) {
    return (
      <Card title={<PageTitle>{t('shared.terminalTitle')}</PageTitle>}>
        <ProblemAlert error={session.error} />
        <Typography.Paragraph>{t('shared.terminalGone')}</Typography.Paragraph>
      </Card>
    );
  }
  if (!session.data) {
    return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  }
  const shared = session.data;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={<PageTitle>{shared.title}</PageTitle>} extra={<Tag>{t('shared.readOnly')}</Tag>}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t('terminals.status')}>{shared.status}</Descriptions.Item>
          <Descriptions.Item label={t('shared.commands')}>{shared.commands_executed}</Descriptions.Item>
          <Descriptions.Item label={t('shared.lastActivity')}>{formatTime(shared.last_activity_at)}</Descriptions.Item>
        </Descriptions>
        {log.error ? <ProblemAlert error={log.error} /> : null}
        {log.data ? <ReplayScreen log={log.data.log} rows={shared.terminal_rows} /> : <Spin />}
      </Card>
      <Card title={t('terminals.files')} size="small">
        {files.error ? <ProblemAlert error={files.error} /> : null}
        {folder ? (
          <Typography.Link onClick={() => setFolder(folder.includes('/') ? folder.slice(0, folder.lastIndexOf('/')) : '')}>
            ← {folder}
          </Typography.Link>
        ) : null}
        <Table<SharedFile>
          rowKey="path"
          size="small"
          pagination={false}
          loading={files.loading}
          dataSource={files.data?.files ?? []}
          locale={{ emptyText: <Empty description={t('shared.noFiles')} /> }}
          data-testid="shared-files"
          columns={[
            {
              title: t('terminals.file'),
              dataIndex: 'name',
              render: (name: string, file) =>
                file.type === 'folder' ? (
                  <Typography.Link onClick={() => setFolder(file.path)}>
                    <FolderOutlined /> {name}
                  </Typography.Link>
                ) : (
                  <span>
                    <FileOutlined /> {name}
                  </span>
                ),
            },
            { title: t('workspaces.size'), dataIndex: 'size', render: (size: number, file) => (file.type === 'folder' ? '' : formatBytes(size)) },
            { title: t('shared.modified'), dataIndex: 'modified_at', render: formatTime, responsive: ['md'] },
          ]}
        />
      </Card>
    </Space>
  );
}
