import { ArrowUpOutlined, DeleteOutlined, DownloadOutlined, FileOutlined, FolderAddOutlined, FolderOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Input, Popconfirm, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { childPath, parentOf, type FileListing, type SandboxFileEntry } from '../../api/sandboxes';
import { useLoad } from '../../api/useLoad';
import { formatBytes, formatTime } from '../../components/format';
import { EmptyText } from './EmptyText';
import { ProblemAlert } from '../../components/ProblemAlert';

const HOME = '/home/user';

/**
 * A started sandbox's files, one folder at a time: open a folder, go up, upload into it, make a
 * folder, download or delete an entry. The workspace browser is bound to the projects' API (a tree
 * and an editor over /workspace/projects/...); this one speaks /sandboxes/{id}/files, where paths
 * are absolute as the sandbox sees them. A link is listed as a link and never opened as a folder.
 */
export function SandboxFilesPanel({ sandboxId }: { sandboxId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const base = `/sandboxes/${encodeURIComponent(sandboxId)}/files`;
  const [folder, setFolder] = useState(HOME);
  const listing = useLoad(() => api.get<FileListing>(base, { path: folder, depth: 1 }), [base, folder]);
  const [newFolder, setNewFolder] = useState('');
  const [problem, setProblem] = useState<unknown>();
  const shown = listing.data?.path ?? folder;
  const up = parentOf(shown);

  const guarded = async (action: () => Promise<unknown>) => {
    setProblem(undefined);
    try {
      await action();
    } catch (e) {
      setProblem(e);
    }
    await listing.reload();
  };

  const makeFolder = () =>
    guarded(async () => {
      await api.post(`${base}/folder`, { path: childPath(shown, newFolder) });
      setNewFolder('');
    });

  const upload = (file: File) =>
    guarded(async () => {
      const form = new FormData();
      form.append('file', file, file.name);
      form.append('path', childPath(shown, file.name));
      await api.post(`${base}/upload`, form);
      message.success(t('sandboxes.fileBrowser.uploaded', { name: file.name }));
    });

  const rows = [...(listing.data?.files ?? [])].sort((a, b) => Number(b.is_dir) - Number(a.is_dir) || a.name.localeCompare(b.name));

  return (
    <div data-testid="sandbox-files">
      <Space wrap style={{ marginBottom: 12 }}>
        <Button icon={<ArrowUpOutlined />} disabled={up === null} onClick={() => up && setFolder(up)}>{t('sandboxes.fileBrowser.up')}</Button>
        <Typography.Text code data-testid="sandbox-files-path">{shown}</Typography.Text>
        <Button icon={<ReloadOutlined />} aria-label={t('sandboxes.refresh')} onClick={() => void listing.reload()} />
        <Upload showUploadList={false} multiple customRequest={({ file }) => void upload(file as File)}>
          <Button icon={<UploadOutlined />} data-testid="sandbox-files-upload">{t('sandboxes.fileBrowser.upload')}</Button>
        </Upload>
        <Space.Compact>
          <Input id="sandbox-new-folder" aria-label={t('sandboxes.fileBrowser.folderName')} placeholder={t('sandboxes.fileBrowser.folderName')}
            value={newFolder} onChange={(e) => setNewFolder(e.target.value)} onPressEnter={() => void makeFolder()} style={{ width: 180 }} />
          <Button icon={<FolderAddOutlined />} disabled={!newFolder.trim()} onClick={() => void makeFolder()}>{t('sandboxes.fileBrowser.newFolder')}</Button>
        </Space.Compact>
      </Space>
      <ProblemAlert error={problem ?? listing.error} onClose={problem ? () => setProblem(undefined) : undefined} />
      {listing.data?.truncated ? <Typography.Paragraph type="warning">{t('sandboxes.fileBrowser.truncated')}</Typography.Paragraph> : null}
      <Table<SandboxFileEntry>
        rowKey="path"
        size="small"
        pagination={false}
        loading={listing.loading}
        dataSource={rows}
        scroll={{ x: true }}
        locale={{ emptyText: <EmptyText>{t('sandboxes.fileBrowser.empty')}</EmptyText> }}
        columns={[
          {
            title: t('sandboxes.name'),
            dataIndex: 'name',
            render: (name: string, entry) =>
              entry.type === 'folder' ? (
                <a onClick={() => setFolder(entry.path)} role="button" tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && setFolder(entry.path)}>
                  <FolderOutlined /> {name}
                </a>
              ) : (
                <span>
                  <FileOutlined /> {name}
                  {entry.type === 'link' ? ' ↪' : ''}
                </span>
              ),
          },
          { title: t('sandboxes.fileBrowser.size'), dataIndex: 'size', render: (size: number, entry) => (entry.is_dir ? '—' : formatBytes(size)) },
          { title: t('sandboxes.fileBrowser.permissions'), dataIndex: 'permissions', render: (p: string) => <Typography.Text code>{p}</Typography.Text>, responsive: ['md'] },
          { title: t('sandboxes.fileBrowser.modified'), dataIndex: 'mod_time', render: formatTime, responsive: ['lg'] },
          {
            title: t('sandboxes.actions'),
            key: 'actions',
            render: (_, entry) => (
              <Space size={4}>
                {entry.type === 'file' ? (
                  <Button size="small" icon={<DownloadOutlined />} href={api.url(`${base}/download`, { path: entry.path })} download={entry.name}
                    aria-label={`${t('sandboxes.fileBrowser.download')} ${entry.name}`} />
                ) : null}
                <Popconfirm title={t('sandboxes.fileBrowser.confirmDelete', { path: entry.path })} okText={t('common.delete')} cancelText={t('common.cancel')}
                  onConfirm={() => guarded(() => api.request(base, { method: 'DELETE', query: { path: entry.path, recursive: entry.type === 'folder' } }))}>
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={`${t('common.delete')} ${entry.name}`} />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}
