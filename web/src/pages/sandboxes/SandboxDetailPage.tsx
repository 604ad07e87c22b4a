import { ArrowLeftOutlined, CameraOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Space, Tabs, Tag, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import {
  isChanging,
  type ExecResult,
  type SandboxAction,
  type SandboxView,
  type SnapshotView,
  formatPairs,
  parsePairs,
  type PreviewLink,
  previewOpenUrl,
  type TransitionView,
  validPort,
} from '../../api/sandboxes';
import { useLoad } from '../../api/useLoad';
import { formatTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { TerminalScreen } from '../../terminal/TerminalScreen';
import { sandboxPtyUrl } from '../../terminal/terminalProtocol';
import { SandboxFilesPanel } from './SandboxFilesPanel';
import { CHANGING_POLL_MS, SandboxActions } from './SandboxesPage';
import { StateTag } from './StateTag';

/** One sandbox: what it is, its lifecycle, and what reaches into it (commands, a terminal, files, previews). */
export function SandboxDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const sandbox = useLoad(() => api.get<SandboxView>(`/sandboxes/${encodeURIComponent(id)}`), [id]);
  const transitions = useLoad(() => api.get<TransitionView[]>(`/sandboxes/${encodeURIComponent(id)}/transitions`), [id, sandbox.data?.state]);
  const [problem, setProblem] = useState<unknown>();
  const [busy, setBusy] = useState<string>();
  const [tab, setTab] = useState('overview');
  const [snapshotting, setSnapshotting] = useState(false);
  const { reload } = sandbox;
  const current = sandbox.data;

  useEffect(() => {
    if (!current || !isChanging(current.state)) {
      return undefined;
    }
    const timer = window.setTimeout(() => void reload(), CHANGING_POLL_MS);
    return () => window.clearTimeout(timer);
  }, [current, reload]);

  const act = async (action: SandboxAction) => {
    if (!current) {
      return;
    }
    setBusy(`${current.id}:${action}`);
    setProblem(undefined);
    try {
      if (action === 'delete') {
        await api.delete(`/sandboxes/${current.id}`);
        navigate('/sandboxes');
        return;
      }
      await api.post(`/sandboxes/${current.id}/${action}`);
    } catch (e) {
      setProblem(e);
    } finally {
      setBusy(undefined);
    }
    await reload();
  };

  if (!current) {
    return (
      <Card title={<PageTitle>{t('sandboxes.title')}</PageTitle>} loading={sandbox.loading}>
        <ProblemAlert error={sandbox.error} />
        <Link to="/sandboxes">{t('sandboxes.back')}</Link>
      </Card>
    );
  }

  const started = current.state === 'started';
  const notStarted = started ? null : (
    <Alert type="info" showIcon data-testid="sandbox-not-started" style={{ marginBottom: 12 }}
      message={t('sandboxes.notStarted', { state: t(`sandboxes.states.${current.state}`) })} />
  );

  return (
    <Card
      title={
        <Space wrap>
          <Link to="/sandboxes" style={{ fontWeight: 'normal', fontSize: 14 }}>
            <ArrowLeftOutlined /> {t('sandboxes.back')}
          </Link>
          <PageTitle title={current.name}>{current.name}</PageTitle>
          <StateTag state={current.state} />
        </Space>
      }
      extra={
        <Space wrap>
          <SandboxActions sandbox={current} busy={busy} onAct={(action) => void act(action)} />
          <Button size="small" icon={<CameraOutlined />} disabled={current.state !== 'started' && current.state !== 'stopped'}
            onClick={() => setSnapshotting(true)} data-testid="sandbox-take-snapshot">
            {t('sandboxes.takeSnapshot')}
          </Button>
        </Space>
      }
    >
      <ProblemAlert error={problem ?? sandbox.error} onClose={problem ? () => setProblem(undefined) : undefined} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'overview',
            label: t('sandboxes.overview'),
            children: <Overview sandbox={current} transitions={transitions.data ?? []} onSaved={() => void reload()} />,
          },
          {
            key: 'command',
            label: t('sandboxes.command'),
            children: (
              <>
                {notStarted}
                <CommandBox sandboxId={current.id} disabled={!started} />
              </>
            ),
          },
          {
            key: 'terminal',
            label: t('sandboxes.terminal'),
            // The terminal connects only while its tab is shown: an open terminal keeps the sandbox from idling.
            children: notStarted ?? (tab === 'terminal' ? (
              <TerminalScreen key={current.id} sessionId={current.id}
                socketUrl={(cols, rows) => sandboxPtyUrl(window.location, current.id, cols, rows)} />
            ) : null),
          },
          {
            key: 'files',
            label: t('sandboxes.files'),
            children: notStarted ?? (tab === 'files' ? <SandboxFilesPanel sandboxId={current.id} /> : null),
          },
          {
            key: 'preview',
            label: t('sandboxes.preview'),
            children: (
              <>
                {notStarted}
                <PreviewLinks sandboxId={current.id} disabled={!started} />
              </>
            ),
          },
        ]}
      />
      <TakeSnapshotDialog sandbox={current} open={snapshotting} onClose={() => setSnapshotting(false)} />
    </Card>
  );
}

function Overview({ sandbox, transitions, onSaved }: { sandbox: SandboxView; transitions: TransitionView[]; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<unknown>();
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const values = await form.validateFields();
    setProblem(undefined);
    setSaving(true);
    try {
      await api.put(`/sandboxes/${sandbox.id}/auto-stop`, values);
      message.success(t('sandboxes.lifecycleSaved'));
      onSaved();
    } catch (e) {
      setProblem(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} data-testid="sandbox-overview">
        <Descriptions.Item label={t('sandboxes.language')}>{sandbox.language}</Descriptions.Item>
        <Descriptions.Item label={t('sandboxes.snapshot')}>{sandbox.snapshot ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('sandboxes.network')}>{sandbox.network ? t('sandboxes.networkOn') : t('sandboxes.networkOff')}</Descriptions.Item>
        <Descriptions.Item label={t('sandboxes.cpu')}>{sandbox.cpu}</Descriptions.Item>
        <Descriptions.Item label={t('sandboxes.memory')}>{sandbox.memory_mb}</Descriptions.Item>
        <Descriptions.Item label={t('sandboxes.disk')}>{sandbox.disk_mb}</Descriptions.Item>
        <Descriptions.Item label={t('sandboxes.volumes')}>
          {sandbox.volumes.length
            ? sandbox.volumes.map((v) => <Tag key={v.mount_path}>{`${v.volume} → ${v.mount_path}${v.read_only ? ` (${t('sandboxes.readOnly')})` : ''}`}</Tag>)
            : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('sandboxes.labels')}>
          {Object.entries(sandbox.labels ?? {}).map(([k, v]) => <Tag key={k}>{`${k}=${v}`}</Tag>)}
        </Descriptions.Item>
        <Descriptions.Item label={t('sandboxes.env')}>{Object.keys(sandbox.env ?? {}).join(', ') || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('sandboxes.created')}>{formatTime(sandbox.created_at)}</Descriptions.Item>
        {sandbox.error_reason ? <Descriptions.Item label={t('sandboxes.errorReason')}>{sandbox.error_reason}</Descriptions.Item> : null}
      </Descriptions>
      <div>
        <Typography.Title level={2} style={{ fontSize: 16 }}>{t('sandboxes.lifecycle')}</Typography.Title>
        <ProblemAlert error={problem} onClose={() => setProblem(undefined)} />
        <Form form={form} layout="inline" name="lifecycle" key={sandbox.updated_at}
          initialValues={{ auto_stop_minutes: sandbox.auto_stop_minutes, auto_archive_minutes: sandbox.auto_archive_minutes,
            auto_delete_minutes: sandbox.auto_delete_minutes }}>
          <Form.Item name="auto_stop_minutes" label={t('sandboxes.autoStopMinutes')}>
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="auto_archive_minutes" label={t('sandboxes.autoArchiveMinutes')}>
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="auto_delete_minutes" label={t('sandboxes.autoDeleteMinutes')}>
            <InputNumber min={-1} />
          </Form.Item>
          <Form.Item>
            <Button onClick={() => void save()} loading={saving} data-testid="sandbox-lifecycle-save">{t('sandboxes.saveLifecycle')}</Button>
          </Form.Item>
        </Form>
      </div>
      <LabelsEditor sandbox={sandbox} onSaved={onSaved} />
      <div>
        <Typography.Title level={2} style={{ fontSize: 16 }}>{t('sandboxes.transitions')}</Typography.Title>
        <Timeline
          data-testid="sandbox-transitions"
          items={transitions.map((tr) => ({
            key: `${tr.at}-${tr.to}`,
            children: (
              <span>
                {tr.from ? <>{t(`sandboxes.states.${tr.from}`)} → </> : null}
                <strong>{t(`sandboxes.states.${tr.to}`)}</strong>
                {` · ${tr.reason || t('sandboxes.noReason')} · ${formatTime(tr.at)}`}
              </span>
            ),
          }))}
        />
      </div>
    </Space>
  );
}

/** The sandbox's labels as KEY=value lines; saving replaces them all. */
function LabelsEditor({ sandbox, onSaved }: { sandbox: SandboxView; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [text, setText] = useState(formatPairs(sandbox.labels));
  const [problem, setProblem] = useState<unknown>();
  useEffect(() => setText(formatPairs(sandbox.labels)), [sandbox.labels]);

  const save = async () => {
    setProblem(undefined);
    try {
      await api.put(`/sandboxes/${sandbox.id}/labels`, { labels: parsePairs(text, 'labels') });
      message.success(t('sandboxes.labelsSaved'));
      onSaved();
    } catch (e) {
      setProblem(e);
    }
  };

  return (
    <div>
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        <label htmlFor="sandbox-labels-edit">{t('sandboxes.labels')}</label>
      </Typography.Title>
      <ProblemAlert error={problem} onClose={() => setProblem(undefined)} />
      <Space align="start" wrap>
        <Input.TextArea id="sandbox-labels-edit" rows={3} value={text} onChange={(e) => setText(e.target.value)} placeholder="team=web"
          spellCheck={false} style={{ width: 320, fontFamily: 'monospace' }} />
        <Button onClick={() => void save()} data-testid="sandbox-labels-save">{t('sandboxes.saveLabels')}</Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>{t('sandboxes.labelsHelp')}</Typography.Paragraph>
    </div>
  );
}

function CommandBox({ sandboxId, disabled }: { sandboxId: string; disabled: boolean }) {
  const { t } = useTranslation();
  const [command, setCommand] = useState('');
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<ExecResult>();
  const [problem, setProblem] = useState<unknown>();

  const run = async () => {
    if (!command.trim()) {
      return;
    }
    setRunning(true);
    setProblem(undefined);
    try {
      setResult(await api.post<ExecResult>(`/sandboxes/${sandboxId}/process/execute`, { command }));
    } catch (e) {
      setResult(undefined);
      setProblem(e);
    } finally {
      setRunning(false);
    }
  };

  return (
    <div>
      <Space.Compact style={{ width: '100%', maxWidth: 720, marginBottom: 12 }}>
        <Input
          id="sandbox-command"
          aria-label={t('sandboxes.command')}
          value={command}
          disabled={disabled}
          placeholder={t('sandboxes.commandPlaceholder')}
          onChange={(e) => setCommand(e.target.value)}
          onPressEnter={() => void run()}
          spellCheck={false}
          style={{ fontFamily: 'monospace' }}
        />
        <Button id="sandbox-run" type="primary" loading={running} disabled={disabled || !command.trim()} onClick={() => void run()}>
          {t('sandboxes.run')}
        </Button>
      </Space.Compact>
      <ProblemAlert error={problem} onClose={() => setProblem(undefined)} />
      {result && (
        <div data-testid="sandbox-result">
          <Space wrap style={{ marginBottom: 8 }}>
            <Tag color={result.exit_code === 0 ? 'green' : 'red'} data-testid="sandbox-exit-code">{t('sandboxes.exitCode', { code: result.exit_code })}</Tag>
            {result.timed_out && <Tag color="orange">{t('sandboxes.timedOut')}</Tag>}
            {result.truncated && <Tag color="orange">{t('sandboxes.truncated')}</Tag>}
          </Space>
          <Typography.Text type="secondary" style={{ display: 'block' }}>{t('sandboxes.stdout')}</Typography.Text>
          <pre className="run-output" data-testid="sandbox-stdout" tabIndex={0} style={{ minHeight: 0, marginBottom: 8 }}>{result.stdout}</pre>
          {result.stderr ? (
            <>
              <Typography.Text type="secondary" style={{ display: 'block' }}>{t('sandboxes.stderr')}</Typography.Text>
              <pre className="run-output" data-testid="sandbox-stderr" tabIndex={0} style={{ minHeight: 0 }}><span className="stderr">{result.stderr}</span></pre>
            </>
          ) : null}
        </div>
      )}
    </div>
  );
}

function PreviewLinks({ sandboxId, disabled }: { sandboxId: string; disabled: boolean }) {
  const { t } = useTranslation();
  const [port, setPort] = useState('');
  const [link, setLink] = useState<PreviewLink>();
  const [problem, setProblem] = useState<unknown>();
  const number = validPort(port);

  const ask = async () => {
    if (number === null) {
      return;
    }
    setProblem(undefined);
    try {
      setLink(await api.get<PreviewLink>(`/sandboxes/${sandboxId}/ports/${number}/preview-url`));
    } catch (e) {
      setLink(undefined);
      setProblem(e);
    }
  };

  return (
    <div>
      <Typography.Paragraph type="secondary">{t('sandboxes.previewHelp')}</Typography.Paragraph>
      <Space.Compact style={{ marginBottom: 12 }}>
        <Input id="sandbox-preview-port" aria-label={t('sandboxes.port')} placeholder={t('sandboxes.portPlaceholder')} value={port}
          disabled={disabled} onChange={(e) => setPort(e.target.value)} onPressEnter={() => void ask()} style={{ width: 160 }}
          status={port && number === null ? 'error' : undefined} />
        <Button id="sandbox-preview-get" disabled={disabled || number === null} onClick={() => void ask()}>{t('sandboxes.previewUrl')}</Button>
      </Space.Compact>
      {port && number === null ? <Typography.Paragraph type="danger">{t('sandboxes.badPort')}</Typography.Paragraph> : null}
      <ProblemAlert error={problem} onClose={() => setProblem(undefined)} />
      {link && (
        <Descriptions bordered size="small" column={1} data-testid="sandbox-preview-link">
          <Descriptions.Item label={`${t('sandboxes.port')} ${link.port}`}>
            <Space wrap>
              <Typography.Text copyable data-testid="sandbox-preview-url">{link.url}</Typography.Text>
              <Button type="primary" size="small" href={previewOpenUrl(link.url, link.token)} target="_blank" rel="noreferrer"
                data-testid="sandbox-preview-open">
                {t('sandboxes.openPreview')}
              </Button>
            </Space>
          </Descriptions.Item>
          {link.host_url ? (
            <Descriptions.Item label={t('sandboxes.previewHost')}>
              <Typography.Text copyable>{link.host_url}</Typography.Text>
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t('sandboxes.previewToken')}>
            <Typography.Text code copyable>{link.token}</Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      )}
    </div>
  );
}

function TakeSnapshotDialog({ sandbox, open, onClose }: { sandbox: SandboxView; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<unknown>();
  const [saving, setSaving] = useState(false);

  const take = async () => {
    setSaving(true);
    setProblem(undefined);
    try {
      const made = await api.post<SnapshotView>(`/sandboxes/${sandbox.id}/snapshot`, { name: name.trim() || undefined });
      message.success(t('sandboxes.snapshotTaken', { name: made.name }));
      setName('');
      onClose();
    } catch (e) {
      setProblem(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} title={t('sandboxes.takeSnapshot')} onCancel={onClose} onOk={() => void take()} confirmLoading={saving}
      okText={t('sandboxes.takeSnapshot')} cancelText={t('common.cancel')} okButtonProps={{ id: 'sandbox-snapshot-submit' }} destroyOnHidden>
      <ProblemAlert error={problem} onClose={() => setProblem(undefined)} />
      <label htmlFor="sandbox-snapshot-name">{t('sandboxes.snapshotName')}</label>
      <Input id="sandbox-snapshot-name" value={name} onChange={(e) => setName(e.target.value)} placeholder={`${sandbox.name}-…`} />
    </Modal>
  );
}
