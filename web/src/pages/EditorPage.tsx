import { CaretRightOutlined, EditOutlined, SaveOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Input, Row, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../api/client';
import type { CodeEntry, Language, Template } from '../api/types';
import { problemMessage } from '../api/problems';
import { announceUsageChange } from '../api/usage';
import { messageOf, useLoad } from '../api/useLoad';
import { useAuth } from '../auth/AuthContext';
import { useSignedInOrAsk } from '../auth/signIn';
import { CodeEditor } from '../components/CodeEditor';
import { AiSetupLink, CodeHelp, ErrorHelp, GenerateButton } from '../ai/EditorAi';
import { useAiConfigured } from '../ai/aiAvailability';
import { errorOutputOf } from '../ai/aiRequests';
import { environmentOptions, type AvailableEnvironments } from '../environments/environmentChoices';
import { formatBytes, splitArgs, statusColor } from '../components/format';
import { parseDiagnostics } from '../editor/diagnostics';
import { HtmlPreview } from '../editor/HtmlPreview';
import { draftOf, loadDrafts, rememberLanguage, saveDraft } from '../editor/drafts';
import { RunConnection } from '../run/RunConnection';
import { initialRunState, isActive, runReducer } from '../run/runState';
import { SaveCodeModal } from './library/SaveCodeModal';
import { PageTitle } from '../components/PageTitle';
import { SharedProgramDetails } from './shared/SharedProgramDetails';

/** What another page hands the editor to open (history's re-run, the library's "open"). */
export interface EditorSeed {
  language: string;
  code: string;
  stdin?: string;
  title?: string;
  libraryId?: number;
}

/**
 * The editor. shared: a public program opened by its link (/code/:id), read-only, for anyone:
 * Run (under the visitors' rules when nobody is signed in), save a copy, edit a copy.
 */
export function EditorPage({ shared = false }: { shared?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const { id: sharedId } = useParams();
  const signedIn = useSignedInOrAsk();
  const aiReady = useAiConfigured(user?.id);
  const languages = useLoad(() => api.get<Language[]>('/api/languages'), []);
  const [language, setLanguage] = useState<string>();
  const [code, setCode] = useState('');
  const [template, setTemplate] = useState<string>();
  const [stdin, setStdin] = useState('');
  const [args, setArgs] = useState('');
  const [typed, setTyped] = useState('');
  const [saveOpen, setSaveOpen] = useState(false);
  // The library entry the editor opened. Whether it is the user's own is decided when it is shown:
  // the entry may load before the signed-in user does.
  const [opened, setOpened] = useState<CodeEntry>();
  // The program as it was opened (a library entry, a re-run from history): not the user's draft until changed.
  const pristine = useRef<string>();
  const [run, dispatch] = useReducer(runReducer, initialRunState);
  const [environment, setEnvironment] = useState<string>();
  const [available, setAvailable] = useState<AvailableEnvironments>();
  useEffect(() => {
    if (user) {
      api.get<AvailableEnvironments>('/environments/available').then(setAvailable).catch(() => setAvailable(undefined));
    }
  }, [user]);
  const environments = useMemo(() => environmentOptions(available, language), [available, language]);
  const connection = useRef<RunConnection>();
  const outputRef = useRef<HTMLPreElement>(null);

  if (!connection.current) {
    connection.current = new RunConnection(dispatch);
  }
  useEffect(() => () => connection.current?.close(), []);

  // What to open: a library entry (?code=), what another page handed over, else the last draft.
  useEffect(() => {
    const seed = location.state as EditorSeed | null;
    const codeId = shared ? sharedId : params.get('code');
    if (codeId) {
      api
        .get<CodeEntry>(`/code-library/${encodeURIComponent(codeId)}`)
        .then((entry) => {
          pristine.current = entry.code;
          setLanguage(entry.language);
          setCode(entry.code);
          setOpened(entry);
        })
        .catch((e) => message.error(messageOf(e)));
    } else if (seed?.code !== undefined) {
      pristine.current = seed.code;
      setLanguage(seed.language);
      setCode(seed.code);
      setStdin(seed.stdin ?? '');
    } else {
      const drafts = loadDrafts();
      if (drafts.language) {
        setLanguage(drafts.language);
        setCode(drafts.code[drafts.language] ?? '');
      }
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [params, location.key, shared, sharedId]);

  // Without a program yet, the first language's template.
  useEffect(() => {
    if (!language && languages.data && languages.data.length > 0) {
      const first = languages.data.find((l) => l.id === 'python') ?? languages.data[0]!;
      setLanguage(first.id);
    }
  }, [languages.data, language]);

  useEffect(() => {
    if (!language) {
      return;
    }
    let current = true;
    api
      .get<Template>(`/api/templates/${encodeURIComponent(language)}`)
      .then((answer) => {
        if (current && !shared) {
          setTemplate(answer.code);
          setCode((old) => (old.trim() === '' ? answer.code : old));
        }
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [language]);

  // Each language keeps what was written in it; a program opened unchanged (from the library, the
  // history) is not a draft, so opening one never overwrites what the user was writing.
  useEffect(() => {
    if (!language || shared) {
      return;
    }
    if (code === pristine.current) {
      rememberLanguage(language);
    } else {
      saveDraft(language, code, template);
    }
  }, [language, code, template, shared]);

  // A run that ended, or was refused, changed today's count (a signed-out visitor has none).
  useEffect(() => {
    if (user && (run.phase === 'finished' || run.phase === 'failed')) {
      announceUsageChange();
    }
  }, [run.phase, user]);

  useEffect(() => {
    const output = outputRef.current;
    if (output) {
      output.scrollTop = output.scrollHeight;
    }
  }, [run.output]);

  const changeLanguage = (id: string) => {
    // The old language's program stays its draft; the new one opens with its own draft, else its template.
    // An entry opened from the library is no longer what the editor shows, so Save makes a new one.
    pristine.current = undefined;
    setOpened(undefined);
    setTemplate(undefined);
    setCode(draftOf(id) ?? '');
    setLanguage(id);
  };

  // The lines a failed run's compiler or runtime named, marked in the editor.
  const diagnostics = useMemo(() => {
    if (run.phase !== 'finished' || !run.result || run.result.status === 'OK') {
      return [];
    }
    const of = (stream: string) => run.output.filter((c) => c.stream === stream).map((c) => c.text).join('');
    // The compiler's output came as it was written and again whole in the result: read it once.
    return parseDiagnostics([run.result.compile_output || of('compile'), of('stderr')].join('\n'));
  }, [run.phase, run.result, run.output]);

  const active = isActive(run);
  const start = useCallback(async () => {
    if (!language || active) {
      return;
    }
    if (user) {
      // The socket signs in with the session cookie; an expired one is renewed first (the client refreshes on 401),
      // so that the run counts as the user's and not as an anonymous one.
      await api.get('/users/me').catch(() => undefined);
    }
    connection.current?.start({ language, code, stdin: stdin || undefined, args: args.trim() ? splitArgs(args) : undefined,
      environment: environment && environments.some((e) => e.value === environment) ? environment : undefined });
  }, [language, code, stdin, args, active, user, environment, environments]);

  const saveCopy = async () => {
    if (!opened || !signedIn()) {
      return;
    }
    try {
      const saved = await api.post<{ code_id: number }>('/code-library/save', { code_id: opened.id });
      message.success(t('shared.saved'));
      navigate(`/editor?code=${saved.code_id}`);
    } catch (e) {
      message.error(problemMessage(t, e));
    }
  };

  const sendLine = () => {
    connection.current?.type(typed + '\n');
    setTyped('');
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      event.preventDefault();
      void start();
    }
  };

  const languageOptions = useMemo(
    () => (languages.data ?? []).map((l) => ({ value: l.id, label: `${l.name} ${l.version}` })),
    [languages.data],
  );
  const result = run.result;

  return (
    <div onKeyDown={onKeyDown}>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card
            title={<PageTitle>{opened ? opened.title : t('editor.title')}</PageTitle>}
            extra={
              <Space wrap>
                <Select
                  showSearch
                  optionFilterProp="label"
                  style={{ minWidth: 180 }}
                  value={language}
                  onChange={changeLanguage}
                  options={languageOptions}
                  loading={languages.loading}
                  disabled={shared}
                  data-testid="language-select"
                  aria-label={t('editor.language')}
                />
                {environments.length > 0 ? (
                  <Select allowClear style={{ minWidth: 160 }} placeholder={t('editor.environment')} value={environment}
                    onChange={setEnvironment} options={environments} aria-label={t('editor.environment')} />
                ) : null}
              </Space>
            }
          >
            {shared && opened ? <SharedProgramDetails entry={opened} /> : null}
            <CodeEditor value={code} onChange={setCode} language={language} height="420px" testId="code-editor" diagnostics={diagnostics}
              readOnly={shared} />
            <Space wrap style={{ marginTop: 12 }}>
              <Tooltip title="Ctrl+Enter">
                <Button type="primary" icon={<CaretRightOutlined />} onClick={start} loading={active} disabled={!language} id="run-button">
                  {t('editor.run')}
                </Button>
              </Tooltip>
              <Button danger icon={<StopOutlined />} onClick={() => connection.current?.stop()} disabled={run.phase !== 'running'} id="stop-button">
                {t('editor.stop')}
              </Button>
              {shared ? (
                <>
                  <Button icon={<SaveOutlined />} onClick={saveCopy} disabled={!opened} id="save-copy-button">
                    {t('shared.saveCopy')}
                  </Button>
                  <Button icon={<EditOutlined />} disabled={!opened}
                    onClick={() => opened && navigate('/editor', { state: { language: opened.language, code: opened.code } satisfies EditorSeed })}
                    id="edit-copy-button">
                    {t('shared.editCopy')}
                  </Button>
                </>
              ) : null}
              {!shared && user && aiReady !== false ? <GenerateButton language={language} code={code} onUse={setCode} /> : null}
              {!shared && user && aiReady !== false ? <CodeHelp language={language} code={code} onUse={setCode} /> : null}
              {!shared && user && aiReady === false ? <AiSetupLink /> : null}
              {shared ? null : user ? (
                <Button icon={<SaveOutlined />} onClick={() => setSaveOpen(true)} id="save-button">
                  {t('editor.save')}
                </Button>
              ) : (
                <Typography.Text type="secondary">{t('editor.signInToSave')}</Typography.Text>
              )}
            </Space>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Space direction="vertical" style={{ width: '100%' }} size="middle">
            <Card size="small" title={t('editor.input')}>
              <Input.TextArea
                rows={3}
                value={stdin}
                onChange={(e) => setStdin(e.target.value)}
                placeholder={t('editor.stdinPlaceholder')}
                id="stdin-input"
              />
              <Input
                style={{ marginTop: 8 }}
                value={args}
                onChange={(e) => setArgs(e.target.value)}
                placeholder={t('editor.argsPlaceholder')}
                addonBefore={t('editor.args')}
                id="args-input"
              />
            </Card>
            <Card
              size="small"
              title={t('editor.output')}
              extra={
                <Space size={4} wrap data-testid="run-status">
                  {run.phase === 'running' ? <Tag color="processing">{t('editor.running')}</Tag> : null}
                  {result ? (
                    <>
                      <Tag color={statusColor(result.status)} data-testid="result-status">
                        {result.status}
                      </Tag>
                      <Tag>{t('editor.time', { ms: result.execution_time })}</Tag>
                      <Tag>{t('editor.memory', { value: formatBytes(result.memory_usage) })}</Tag>
                      {result.exit_code !== null && result.exit_code !== undefined ? (
                        <Tag>{t('editor.exitCode', { code: result.exit_code })}</Tag>
                      ) : null}
                    </>
                  ) : null}
                </Space>
              }
            >
              <pre className="run-output" ref={outputRef} data-testid="run-output">
                {run.output.length === 0 && run.phase === 'idle' ? (
                  <span className="system">{t('editor.outputHint')}</span>
                ) : (
                  run.output.map((chunk, index) => (
                    <span key={index} className={chunk.stream}>
                      {chunk.text}
                    </span>
                  ))
                )}
              </pre>
              {result?.reason ? <Typography.Text type="warning">{result.reason}</Typography.Text> : null}
              {run.error ? (
                <Typography.Text type="danger" data-testid="run-error">{problemMessage(t, run.problem ?? run.error)}</Typography.Text>
              ) : null}
              {!shared && user && aiReady !== false && language && run.phase !== 'running' && errorOutputOf(run) !== null ? (
                <ErrorHelp language={language} code={code} error={errorOutputOf(run) ?? ''} onUse={setCode} />
              ) : null}
              {run.phase === 'running' ? (
                <Space.Compact style={{ width: '100%', marginTop: 8 }}>
                  <Input
                    value={typed}
                    onChange={(e) => setTyped(e.target.value)}
                    onPressEnter={sendLine}
                    placeholder={t('editor.typeHere')}
                    id="live-input"
                    autoFocus
                  />
                  <Button onClick={sendLine} id="live-send">
                    {t('editor.send')}
                  </Button>
                  <Button onClick={() => connection.current?.endInput()}>{t('editor.eof')}</Button>
                </Space.Compact>
              ) : null}
            </Card>
            {run.preview !== null ? (
              <Card size="small" title={t('editor.preview')}>
                {/* No scripts, no same-origin rights: the page is only shown. */}
                <HtmlPreview html={run.preview} />
              </Card>
            ) : null}
          </Space>
        </Col>
      </Row>
      {language ? (
        <SaveCodeModal
          open={saveOpen}
          onClose={() => setSaveOpen(false)}
          language={language}
          languageName={languageOptions.find((option) => option.value === language)?.label ?? language}
          code={code}
          existing={opened && user && opened.user_id === user.id ? opened : undefined}
          onSaved={(entry) => {
            setOpened(entry);
            navigate(`/editor?code=${entry.id}`, { replace: true });
          }}
        />
      ) : null}
    </div>
  );
}
