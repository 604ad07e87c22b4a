import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Popconfirm, Space, Table, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, errorMessage } from '../../api/client';
import { messageOf, useLoad } from '../../api/useLoad';
import { formatBytes } from '../../components/format';

interface DatabaseInfo {
  engine: string;
  version: string;
  url: string;
  size_bytes: number;
  migration_version: string;
  tables: Record<string, number>;
}

/** The file name a download's Content-Disposition gives, else a fallback. */
export function attachmentName(header: string | null, fallback: string): string {
  const match = header ? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header) : null;
  return match?.[1] ? decodeURIComponent(match[1]) : fallback;
}

export function DatabasePanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const info = useLoad(() => api.get<DatabaseInfo>('/admin/database/info'), []);
  const [busy, setBusy] = useState(false);
  const [file, setFile] = useState<File>();

  const download = async () => {
    setBusy(true);
    try {
      const response = await api.raw('/admin/database/export', { method: 'POST' });
      if (!response.ok) {
        const text = await response.text();
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // the text itself
        }
        throw new ApiError(response.status, errorMessage(response.status, body, response.statusText));
      }
      const blob = await response.blob();
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = attachmentName(response.headers.get('Content-Disposition'), 'coderunner-export');
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const importFile = async () => {
    if (!file) {
      return;
    }
    const body = new FormData();
    body.append('file', file);
    setBusy(true);
    try {
      await api.request('/admin/database/import', { method: 'POST', body });
      message.success(t('admin.imported'));
      setFile(undefined);
      await info.reload();
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const d = info.data;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('admin.engine')}>{d?.engine}</Descriptions.Item>
        <Descriptions.Item label={t('admin.version')}>{d?.version}</Descriptions.Item>
        <Descriptions.Item label={t('admin.size')}>{formatBytes(d?.size_bytes)}</Descriptions.Item>
        <Descriptions.Item label={t('admin.migration')}>{d?.migration_version}</Descriptions.Item>
        <Descriptions.Item label="URL" span={2}>{d?.url}</Descriptions.Item>
      </Descriptions>
      <Space wrap>
        <Button icon={<DownloadOutlined />} onClick={download} loading={busy}>
          {t('admin.export')}
        </Button>
        <Upload
          maxCount={1}
          beforeUpload={(chosen) => {
            setFile(chosen);
            return false;
          }}
          onRemove={() => setFile(undefined)}
          fileList={file ? [{ uid: 'import', name: file.name }] : []}
        >
          <Button icon={<UploadOutlined />}>{t('admin.chooseImport')}</Button>
        </Upload>
        <Popconfirm title={t('admin.confirmImport')} onConfirm={importFile} disabled={!file} okText={t('admin.import')} cancelText={t('common.cancel')}>
          <Button danger disabled={!file} loading={busy}>
            {t('admin.import')}
          </Button>
        </Popconfirm>
      </Space>
      <Table
        rowKey="table"
        size="small"
        loading={info.loading}
        pagination={false}
        dataSource={Object.entries(d?.tables ?? {}).map(([table, rows]) => ({ table, rows }))}
        columns={[
          { title: t('admin.table'), dataIndex: 'table' },
          { title: t('admin.rows'), dataIndex: 'rows' },
        ]}
      />
    </Space>
  );
}
