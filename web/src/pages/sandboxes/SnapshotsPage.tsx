import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { commandLines, SANDBOX_LANGUAGES, type SnapshotView } from '../../api/sandboxes';
import { useLoad } from '../../api/useLoad';
import { formatBytes, formatTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { EmptyText } from './EmptyText';
import { ProblemAlert } from '../../components/ProblemAlert';
import { followBuildLog } from './buildLog';
import { SandboxesNav } from './SandboxesNav';
import { CHANGING_POLL_MS } from './SandboxesPage';
import { StateTag } from './StateTag';

/** The user's snapshots: build one from a base and commands (its log followed live), (de)activate, delete. */
export function SnapshotsPage() {
  const { t } = useTranslation();
  const snapshots = useLoad(() => api.get<SnapshotView[]>('/snapshots'), []);
  const [problem, setProblem] = useState<unknown>();
  const [building, setBuilding] = useState(false);
  const [log, setLog] = useState<SnapshotView>();
  const { reload } = snapshots;

  const anyBuilding = (snapshots.data ?? []).some((s) => s.state === 'building');
  useEffect(() => {
    if (!anyBuilding) {
      return undefined;
    }
    const timer = window.setTimeout(() => void reload(), CHANGING_POLL_MS);
    return () => window.clearTimeout(timer);
  }, [anyBuilding, snapshots.data, reload]);

  const guarded = async (action: () => Promise<unknown>) => {
    setProblem(undefined);
    try {
      await action();
    } catch (e) {
      setProblem(e);
    }
    await reload();
  };

  return (
    <Card
      title={<PageTitle>{t('snapshots.title')}</PageTitle>}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setBuilding(true)} data-testid="snapshot-build">
          {t('snapshots.build')}
        </Button>
      }
    >
      <SandboxesNav />
      <Button icon={<ReloadOutlined />} onClick={() => void reload()} style={{ marginBottom: 16 }}>
        {t('sandboxes.refresh')}
      </Button>
      <ProblemAlert error={problem ?? snapshots.error} onClose={problem ? () => setProblem(undefined) : undefined} />
      <Table<SnapshotView>
        rowKey="id"
        loading={snapshots.loading && !snapshots.data}
        dataSource={snapshots.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: <EmptyText>{t('snapshots.none')}</EmptyText> }}
        onRow={(s) => ({ 'data-testid': `snapshot-row-${s.name}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('snapshots.name'), dataIndex: 'name' },
          { title: t('snapshots.base'), dataIndex: 'base' },
          { title: t('snapshots.state'), dataIndex: 'state', render: (state: string) => <StateTag state={state} of="snapshots" /> },
          { title: t('snapshots.size'), dataIndex: 'size_bytes', render: formatBytes },
          {
            title: t('snapshots.source'),
            key: 'source',
            render: (_, s) =>
              s.source_sandbox_id ? (
                <Link to={`/sandboxes/${s.source_sandbox_id}`}>{t('snapshots.fromSandbox', { id: s.source_sandbox_id.slice(0, 8) })}</Link>
              ) : (
                t('snapshots.built', { count: s.commands.length })
              ),
          },
          { title: t('snapshots.created'), dataIndex: 'created_at', render: (at: number) => formatTime(at), responsive: ['lg'] },
          {
            title: t('sandboxes.actions'),
            key: 'actions',
            render: (_, s) => (
              <Space size={4} wrap>
                {s.source_sandbox_id ? null : (
                  <Button size="small" onClick={() => setLog(s)}>{t('snapshots.showLog')}</Button>
                )}
                {s.state === 'inactive' && (
                  <Button size="small" onClick={() => guarded(() => api.post(`/snapshots/${s.id}/activate`))}>{t('snapshots.activate')}</Button>
                )}
                {s.state === 'active' && (
                  <Button size="small" onClick={() => guarded(() => api.post(`/snapshots/${s.id}/deactivate`))}>{t('snapshots.deactivate')}</Button>
                )}
                <Popconfirm title={t('snapshots.confirmDelete', { name: s.name })} okText={t('common.delete')} cancelText={t('common.cancel')}
                  onConfirm={() => guarded(() => api.delete(`/snapshots/${s.id}`))}>
                  <Button size="small" danger data-testid="snapshot-delete">{t('common.delete')}</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <BuildDialog
        open={building}
        onClose={() => setBuilding(false)}
        onStarted={(made) => {
          setBuilding(false);
          setLog(made);
          void reload();
        }}
      />
      {log && <BuildLogDialog snapshot={log} onClose={() => setLog(undefined)} onEnded={() => void reload()} />}
    </Card>
  );
}

interface BuildForm {
  name: string;
  base: string;
  commands?: string;
}

function BuildDialog({ open, onClose, onStarted }: { open: boolean; onClose: () => void; onStarted: (made: SnapshotView) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<BuildForm>();
  const [problem, setProblem] = useState<unknown>();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const values = await form.validateFields();
    setProblem(undefined);
    setSaving(true);
    try {
      const made = await api.post<SnapshotView>('/snapshots', { name: values.name.trim(), base: values.base, commands: commandLines(values.commands ?? '') });
      form.resetFields();
      onStarted(made);
    } catch (e) {
      setProblem(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} title={t('snapshots.buildTitle')} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving}
      okText={t('snapshots.build')} cancelText={t('common.cancel')} okButtonProps={{ id: 'snapshot-build-submit' }} destroyOnHidden>
      <ProblemAlert error={problem} onClose={() => setProblem(undefined)} />
      <Form<BuildForm> form={form} layout="vertical" name="snapshot" initialValues={{ base: 'python' }}>
        <Form.Item name="name" label={t('snapshots.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="base" label={t('snapshots.base')}>
          <Select options={SANDBOX_LANGUAGES.map((l) => ({ value: l, label: l }))} />
        </Form.Item>
        <Form.Item name="commands" label={t('snapshots.commands')} extra={t('snapshots.commandsHelp')}>
          <Input.TextArea rows={5} spellCheck={false} style={{ fontFamily: 'monospace' }} placeholder="pip install requests" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The build's log, followed while the dialog is open; the list is read again when the log ends. */
function BuildLogDialog({ snapshot, onClose, onEnded }: { snapshot: SnapshotView; onClose: () => void; onEnded: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [ended, setEnded] = useState(false);
  const [problem, setProblem] = useState<unknown>();
  const ending = useRef(onEnded);
  ending.current = onEnded;
  const bottom = useRef<HTMLPreElement>(null);

  useEffect(() => {
    const abort = new AbortController();
    followBuildLog(snapshot.id, (piece) => setText((before) => before + piece), abort.signal)
      .then(() => {
        if (!abort.signal.aborted) {
          setEnded(true);
          ending.current();
        }
      })
      .catch((e) => {
        if (!abort.signal.aborted) {
          setProblem(e);
        }
      });
    return () => abort.abort();
  }, [snapshot.id]);

  useEffect(() => {
    if (bottom.current) {
      bottom.current.scrollTop = bottom.current.scrollHeight;
    }
  }, [text]);

  return (
    <Modal open title={`${t('snapshots.buildLog')} · ${snapshot.name}`} onCancel={onClose} width={800}
      footer={<Button onClick={onClose}>{t('snapshots.close')}</Button>}>
      <ProblemAlert error={problem} />
      <pre ref={bottom} className="run-output" data-testid="snapshot-build-log" data-ended={ended} tabIndex={0}>
        {text || t('snapshots.logEmpty')}
      </pre>
      {ended ? <Typography.Text type="secondary" data-testid="snapshot-build-ended">✓</Typography.Text> : null}
    </Modal>
  );
}
