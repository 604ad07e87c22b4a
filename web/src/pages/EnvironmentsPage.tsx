import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api/client';
import { messageOf, useLoad } from '../api/useLoad';
import { formatTime } from '../components/format';
import type { AvailableEnvironments, EnvironmentView } from '../environments/environmentChoices';
import { PageTitle } from '../components/PageTitle';

interface PackageInfo {
  name: string;
  version: string;
}

const CAUSES = ['index_unreachable', 'package_not_found', 'disk_limit', 'other'] as const;

/** A failed install's answer (422 with the change's result): why it failed, as the server classified it. */
export interface InstallFailure {
  cause: (typeof CAUSES)[number];
  message: string;
}

export function installFailureOf(error: unknown): InstallFailure | undefined {
  if (!(error instanceof ApiError) || !error.body || typeof error.body !== 'object') {
    return undefined;
  }
  const body = error.body as Record<string, unknown>;
  const cause = CAUSES.find((known) => known === body.cause);
  return cause ? { cause, message: typeof body.message === 'string' ? body.message : error.message } : undefined;
}

/** The user's environments: make one on a base, delete it, see its packages, install and uninstall. */
export function EnvironmentsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const available = useLoad(() => api.get<AvailableEnvironments>('/environments/available'), []);
  const [name, setName] = useState('');
  const [base, setBase] = useState<string>();
  const [selected, setSelected] = useState<string>();

  const guarded = async (action: () => Promise<unknown>) => {
    try {
      await action();
      await available.reload();
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={<PageTitle>{t('environments.title')}</PageTitle>}>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('environments.name')} style={{ width: 200 }} />
          <Select style={{ width: 200 }} placeholder={t('environments.base')} aria-label={t('environments.base')} value={base} onChange={setBase}
            options={(available.data?.base_environments ?? []).map((b) => ({ value: b.name, label: b.display_name }))} />
          <Button type="primary" icon={<PlusOutlined />} disabled={!name.trim() || !base}
            onClick={() => guarded(async () => { await api.post('/user-environments', { name: name.trim(), base }); setName(''); })}>
            {t('environments.create')}
          </Button>
        </Space>
        <Table<EnvironmentView>
          rowKey="id"
          loading={available.loading}
          dataSource={available.data?.user_environments ?? []}
          pagination={false}
          scroll={{ x: true }}
          columns={[
            { title: t('environments.name'), dataIndex: 'name', render: (v: string) => <a onClick={() => setSelected(v)}>{v}</a> },
            { title: t('environments.base'), dataIndex: 'base' },
            { title: t('admin.created'), dataIndex: 'created_at', render: formatTime, responsive: ['md'] },
            {
              title: '',
              key: 'delete',
              render: (_, e) => (
                <Popconfirm title={t('environments.confirmDelete', { name: e.name })} okText={t('common.delete')} cancelText={t('common.cancel')}
                  onConfirm={() => guarded(async () => { await api.delete(`/user-environments/${e.id}`); if (selected === e.name) setSelected(undefined); })}>
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
      {selected ? <Packages key={selected} environment={selected} /> : null}
    </Space>
  );
}

function Packages({ environment }: { environment: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const base = `/environments/${encodeURIComponent(environment)}/packages`;
  const packages = useLoad(() => api.get<PackageInfo[]>(base), [base]);
  const [requirement, setRequirement] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<InstallFailure>();

  const change = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setFailure(undefined);
    try {
      await action();
      await packages.reload();
    } catch (e) {
      const failed = installFailureOf(e);
      if (failed) {
        setFailure(failed);
      } else {
        message.error(messageOf(e));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('environments.packagesOf', { name: environment })}>
      <Space.Compact style={{ marginBottom: 16, maxWidth: 420, width: '100%' }}>
        <Input value={requirement} onChange={(e) => setRequirement(e.target.value)} placeholder={t('environments.requirement')} />
        <Button type="primary" loading={busy} disabled={!requirement.trim()}
          onClick={() => change(async () => { await api.post(`${base}/install`, { package: requirement.trim() }); setRequirement(''); })}>
          {t('environments.install')}
        </Button>
      </Space.Compact>
      {failure ? (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setFailure(undefined)}
          style={{ marginBottom: 16 }}
          data-testid="install-failure"
          data-cause={failure.cause}
          message={t('environments.installFailed')}
          description={
            <>
              <Typography.Paragraph style={{ marginBottom: 4 }}>{t(`environments.cause.${failure.cause}`)}</Typography.Paragraph>
              <Typography.Text type="secondary">{failure.message}</Typography.Text>
            </>
          }
        />
      ) : null}
      <Table<PackageInfo>
        rowKey="name"
        size="small"
        loading={packages.loading}
        dataSource={packages.data ?? []}
        pagination={false}
        columns={[
          { title: t('environments.package'), dataIndex: 'name' },
          { title: t('environments.version'), dataIndex: 'version' },
          {
            title: '',
            key: 'uninstall',
            render: (_, p) => (
              <Popconfirm title={t('environments.confirmUninstall', { name: p.name })} okText={t('environments.uninstall')} cancelText={t('common.cancel')}
                onConfirm={() => change(() => api.delete(`${base}/${encodeURIComponent(p.name)}`))}>
                <Button size="small" danger disabled={busy}>{t('environments.uninstall')}</Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Card>
  );
}
