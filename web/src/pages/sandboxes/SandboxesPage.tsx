import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import {
  allowedActions,
  isChanging,
  minutesText,
  SANDBOX_STATES,
  type SandboxAction,
  type SandboxPage,
  type SandboxState,
  type SandboxView,
} from '../../api/sandboxes';
import { useLoad } from '../../api/useLoad';
import { formatTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { EmptyText } from './EmptyText';
import { ProblemAlert } from '../../components/ProblemAlert';
import { CreateSandboxDialog } from './CreateSandboxDialog';
import { SandboxesNav } from './SandboxesNav';
import { StateTag } from './StateTag';

/** How often a list or a sandbox with a state under way is read again. */
export const CHANGING_POLL_MS = 1500;

/** The user's sandboxes: list filtered by state, create, and start, stop, archive or delete each. */
export function SandboxesPage() {
  const { t } = useTranslation();
  const [state, setState] = useState<SandboxState>();
  const sandboxes = useLoad(() => api.get<SandboxPage>('/sandboxes', { state, limit: 100 }), [state]);
  const [creating, setCreating] = useState(false);
  const [problem, setProblem] = useState<unknown>();
  const [busy, setBusy] = useState<string>();

  const { reload } = sandboxes;
  const items = sandboxes.data?.items ?? [];
  const changing = items.some((s) => isChanging(s.state));
  useEffect(() => {
    if (!changing) {
      return undefined;
    }
    const timer = window.setTimeout(() => void reload(), CHANGING_POLL_MS);
    return () => window.clearTimeout(timer);
  }, [changing, sandboxes.data, reload]);

  const act = async (sandbox: SandboxView, action: SandboxAction) => {
    setBusy(`${sandbox.id}:${action}`);
    setProblem(undefined);
    try {
      if (action === 'delete') {
        await api.delete(`/sandboxes/${sandbox.id}`);
      } else {
        await api.post(`/sandboxes/${sandbox.id}/${action}`);
      }
    } catch (e) {
      setProblem(e);
    } finally {
      setBusy(undefined);
      await sandboxes.reload();
    }
  };

  return (
    <Card
      title={<PageTitle>{t('sandboxes.title')}</PageTitle>}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="sandbox-create">
          {t('sandboxes.create')}
        </Button>
      }
    >
      <SandboxesNav />
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<SandboxState>
          allowClear
          style={{ width: 200 }}
          placeholder={t('sandboxes.anyState')}
          aria-label={t('sandboxes.state')}
          value={state}
          onChange={setState}
          data-testid="sandbox-state-filter"
          options={SANDBOX_STATES.filter((s) => s !== 'destroyed').map((s) => ({ value: s, label: t(`sandboxes.states.${s}`) }))}
        />
        <Button icon={<ReloadOutlined />} onClick={() => void sandboxes.reload()}>
          {t('sandboxes.refresh')}
        </Button>
      </Space>
      <ProblemAlert error={problem ?? sandboxes.error} onClose={problem ? () => setProblem(undefined) : undefined} />
      <Table<SandboxView>
        rowKey="id"
        loading={sandboxes.loading && !sandboxes.data}
        dataSource={items}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: <EmptyText>{t('sandboxes.none')}</EmptyText> }}
        onRow={(s) => ({ 'data-testid': `sandbox-row-${s.name}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('sandboxes.name'),
            dataIndex: 'name',
            render: (name: string, s) => <Link to={`/sandboxes/${s.id}`}>{name}</Link>,
          },
          { title: t('sandboxes.language'), dataIndex: 'language' },
          { title: t('sandboxes.state'), dataIndex: 'state', render: (value: string) => <StateTag state={value} /> },
          {
            title: t('sandboxes.resources'),
            key: 'resources',
            render: (_, s) => <Typography.Text style={{ whiteSpace: 'nowrap' }}>{t('sandboxes.resourcesText', { cpu: s.cpu, memory: s.memory_mb, disk: s.disk_mb })}</Typography.Text>,
          },
          { title: t('sandboxes.network'), dataIndex: 'network', render: (on: boolean) => (on ? t('sandboxes.networkOn') : t('sandboxes.networkOff')) },
          { title: t('sandboxes.autoStop'), dataIndex: 'auto_stop_minutes', render: (m: number) => minutesText(m, t('sandboxes.never')) },
          {
            title: t('sandboxes.labels'),
            dataIndex: 'labels',
            render: (labels: Record<string, string>) => Object.entries(labels ?? {}).map(([k, v]) => <Tag key={k}>{`${k}=${v}`}</Tag>),
          },
          { title: t('sandboxes.created'), dataIndex: 'created_at', render: (at: number) => formatTime(at), responsive: ['lg'] },
          {
            title: t('sandboxes.actions'),
            key: 'actions',
            render: (_, s) => <SandboxActions sandbox={s} busy={busy} onAct={(action) => act(s, action)} />,
          },
        ]}
      />
      <CreateSandboxDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          void sandboxes.reload();
        }}
      />
    </Card>
  );
}

/** The buttons of what the sandbox's state allows; archive and delete ask first. */
export function SandboxActions({ sandbox, busy, onAct }: { sandbox: SandboxView; busy?: string; onAct: (action: SandboxAction) => void }) {
  const { t } = useTranslation();
  const allowed = allowedActions(sandbox.state);
  const loading = (action: SandboxAction) => busy === `${sandbox.id}:${action}`;
  return (
    <Space size={4} wrap>
      {allowed.includes('start') && (
        <Button size="small" loading={loading('start')} onClick={() => onAct('start')} data-testid="sandbox-start">
          {t('sandboxes.start')}
        </Button>
      )}
      {allowed.includes('stop') && (
        <Button size="small" loading={loading('stop')} onClick={() => onAct('stop')} data-testid="sandbox-stop">
          {t('sandboxes.stop')}
        </Button>
      )}
      {allowed.includes('archive') && (
        <Popconfirm title={t('sandboxes.confirmArchive', { name: sandbox.name })} okText={t('sandboxes.archive')} cancelText={t('common.cancel')}
          onConfirm={() => onAct('archive')}>
          <Button size="small" loading={loading('archive')} data-testid="sandbox-archive">
            {t('sandboxes.archive')}
          </Button>
        </Popconfirm>
      )}
      {allowed.includes('delete') && (
        <Popconfirm title={t('sandboxes.confirmDelete', { name: sandbox.name })} okText={t('common.delete')} cancelText={t('common.cancel')}
          okButtonProps={{ danger: true, id: 'sandbox-delete-confirm' }} onConfirm={() => onAct('delete')}>
          <Button size="small" danger loading={loading('delete')} data-testid="sandbox-delete">
            {t('common.delete')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
