import { CaretRightOutlined, CodeOutlined, DeleteOutlined, DownloadOutlined, FileAddOutlined, FolderAddOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Input, List, Popconfirm, Row, Space, Tabs, Tag, Tooltip, Tree, Typography, Upload } from 'antd';
import type { DataNode, EventDataNode } from 'antd/es/tree';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { messageOf, useLoad } from '../../api/useLoad';
import { CodeEditor } from '../../components/CodeEditor';
import { formatTime, statusColor } from '../../components/format';
import type { Execution } from '../../api/types';
import { newFilePath, runLanguageOfFile, runsInPlace } from './projectRun';
import { attachmentName } from '../admin/DatabasePanel';
import { PageTitle } from '../../components/PageTitle';

interface Entry {
  name: string;
  path: string;
  type: 'file' | 'directory';
  size: number;
}

interface Note {
  id: number;
  title: string;
  content: string;
  updated_at: string;
}

/** The CodeMirror language for a file name's extension. */
export function languageOfFile(name: string): string | undefined {
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  const byExtension: Record<string, string> = {
    py: 'python', js: 'javascript', mjs: 'javascript', ts: 'javascript', java: 'java', c: 'c', h: 'c', cpp: 'cpp', cc: 'cpp',
    hpp: 'cpp', go: 'go', rs: 'rust', rb: 'ruby', php: 'php', sh: 'bash', html: 'html', htm: 'html',
  };
  return byExtension[extension];
}

function toNodes(entries: Entry[]): DataNode[] {
  return entries.map((entry) => ({ key: entry.path, title: entry.name, isLeaf: entry.type === 'file' }));
}

/** Puts children under the node with the given key, anywhere in the tree. */
function withChildren(nodes: DataNode[], key: string, children: DataNode[]): DataNode[] {
  return nodes.map((node) =>
    node.key === key ? { ...node, children } : node.children ? { ...node, children: withChildren(node.children, key, children) } : node,
  );
}

function FilesTab({ project }: { project: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const base = `/workspace/projects/${encodeURIComponent(project)}/data`;
  const [tree, setTree] = useState<DataNode[]>([]);
  const [selected, setSelected] = useState<{ path: string; isLeaf: boolean }>();
  const [content, setContent] = useState<string>();
  const [folder, setFolder] = useState('');
  const [fileName, setFileName] = useState('');
  const [run, setRun] = useState<{ path: string; running: boolean; result?: Execution }>();

  const list = useCallback((path: string) => api.get<{ entries: Entry[] }>(base, { path }).then((answer) => toNodes(answer.entries)), [base]);
  const reloadRoot = useCallback(() => list('').then(setTree).catch((e) => message.error(messageOf(e))), [list, message]);
  useEffect(() => {
    void reloadRoot();
  }, [reloadRoot]);

  const directory = selected ? (selected.isLeaf ? selected.path.split('/').slice(0, -1).join('/') : selected.path) : '';

  const open = async (node: EventDataNode<DataNode>) => {
    const path = String(node.key);
    setSelected({ path, isLeaf: Boolean(node.isLeaf) });
    setContent(undefined);
    setRun(undefined);
    if (node.isLeaf) {
      try {
        setContent((await api.get<{ content: string }>(`${base}/content`, { path })).content);
      } catch (e) {
        message.error(messageOf(e));
      }
    }
  };

  const guarded = async (action: () => Promise<unknown>) => {
    try {
      await action();
      await reloadRoot();
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  // A new file is empty; it opens in the editor at once.
  const createFile = () => guarded(async () => {
    const path = newFilePath(directory, fileName);
    await api.post(`${base}/file`, { path });
    setFileName('');
    setSelected({ path, isLeaf: true });
    setContent('');
    setRun(undefined);
  });

  // The file as it is in the editor runs in the project's folder (the run writes it there too).
  const runFile = async (path: string, language: string) => {
    setRun({ path, running: true });
    try {
      const result = await api.post<Execution>(`/workspace/projects/${encodeURIComponent(project)}/run`, {
        language,
        files: [{ name: path, content: content ?? '' }],
      });
      setRun({ path, running: false, result });
    } catch (e) {
      setRun(undefined);
      message.error(messageOf(e));
    }
  };

  const runLanguage = selected?.isLeaf ? runLanguageOfFile(selected.path) : undefined;

  const download = async (path: string) => {
    const response = await api.raw(`${base}/download?path=${encodeURIComponent(path)}`);
    if (!response.ok) {
      message.error(`${response.status}`);
      return;
    }
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await response.blob());
    link.download = attachmentName(response.headers.get('Content-Disposition'), path.split('/').pop() ?? 'file');
    link.click();
    URL.revokeObjectURL(link.href);
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={8}>
        <Space wrap style={{ marginBottom: 8 }}>
          <Upload
            multiple
            showUploadList={false}
            beforeUpload={(file) => {
              const body = new FormData();
              body.append('files', file);
              void guarded(() => api.request(`${base}/upload`, { method: 'POST', body, query: { path: directory } }));
              return false;
            }}
          >
            <Button size="small" icon={<UploadOutlined />}>{t('workspaces.upload')}</Button>
          </Upload>
          <Space.Compact size="small">
            <Input size="small" value={folder} onChange={(e) => setFolder(e.target.value)} placeholder={t('workspaces.folderName')} style={{ width: 120 }} />
            <Button
              size="small"
              icon={<FolderAddOutlined />}
              disabled={!folder.trim()}
              onClick={() => guarded(async () => {
                await api.post(`${base}/folder`, { path: directory ? `${directory}/${folder}` : folder });
                setFolder('');
              })}
              aria-label={t('workspaces.newFolder')}
            />
          </Space.Compact>
          <Space.Compact size="small">
            <Input size="small" id="new-file-name" value={fileName} onChange={(e) => setFileName(e.target.value)}
              onPressEnter={() => fileName.trim() && void createFile()}
              placeholder={t('workspaces.fileName')} aria-label={t('workspaces.fileName')} style={{ width: 120 }} />
            <Button size="small" id="new-file" icon={<FileAddOutlined />} disabled={!fileName.trim()} onClick={() => void createFile()}
              aria-label={t('workspaces.newFile')} />
          </Space.Compact>
        </Space>
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
          {t('workspaces.into', { path: '/' + directory })}
        </Typography.Text>
        {tree.length === 0 ? (
          <Empty description={t('workspaces.noFiles')} />
        ) : (
          <Tree.DirectoryTree
            treeData={tree}
            onSelect={(_, info) => void open(info.node)}
            loadData={async (node) => {
              if (!node.isLeaf) {
                const children = await list(String(node.key));
                setTree((nodes) => withChildren(nodes, String(node.key), children));
              }
            }}
          />
        )}
      </Col>
      <Col xs={24} md={16}>
        {selected ? (
          <Card
            size="small"
            title={selected.path}
            extra={
              <Space>
                {selected.isLeaf && content !== undefined && runLanguage ? (
                  <Tooltip title={runsInPlace(selected.path) ? undefined : t('workspaces.runTopOnly')}>
                    <Button size="small" id="project-run" icon={<CaretRightOutlined />} loading={run?.running}
                      disabled={!runsInPlace(selected.path)} onClick={() => void runFile(selected.path, runLanguage)}>
                      {t('workspaces.run')}
                    </Button>
                  </Tooltip>
                ) : null}
                {selected.isLeaf && content !== undefined ? (
                  <Button size="small" type="primary" id="project-save" icon={<SaveOutlined />} onClick={() => guarded(async () => {
                    await api.put(`${base}/content`, { path: selected.path, content });
                    message.success(t('workspaces.saved'));
                  })}>
                    {t('common.save')}
                  </Button>
                ) : null}
                {selected.isLeaf ? <Button size="small" icon={<DownloadOutlined />} onClick={() => download(selected.path)} aria-label={t('workspaces.download')} /> : null}
                <Popconfirm title={t('workspaces.confirmDeletePath', { path: selected.path })} onConfirm={() => guarded(async () => {
                  await api.request(base, { method: 'DELETE', query: { path: selected.path } });
                  setSelected(undefined);
                })} okText={t('common.delete')} cancelText={t('common.cancel')}>
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                </Popconfirm>
              </Space>
            }
          >
            {selected.isLeaf && content !== undefined ? (
              <CodeEditor value={content} onChange={setContent} language={languageOfFile(selected.path)} height="420px" testId="code-editor" />
            ) : null}
            {run && run.path === selected.path ? <RunOutput running={run.running} result={run.result} /> : null}
          </Card>
        ) : (
          <Empty description={t('workspaces.pickFile')} />
        )}
      </Col>
    </Row>
  );
}

/** What a run of a project file printed, and how it ended. */
function RunOutput({ running, result }: { running: boolean; result?: Execution }) {
  const { t } = useTranslation();
  return (
    <div style={{ marginTop: 12 }}>
      <Space size={4} wrap style={{ marginBottom: 4 }}>
        <Typography.Text strong>{t('editor.output')}</Typography.Text>
        {running ? <Tag color="processing">{t('editor.running')}</Tag> : null}
        {result ? (
          <>
            <Tag color={statusColor(result.status)} data-testid="project-run-status">{result.status}</Tag>
            <Tag>{t('editor.time', { ms: result.execution_time })}</Tag>
            {result.exit_code !== null && result.exit_code !== undefined ? <Tag>{t('editor.exitCode', { code: result.exit_code })}</Tag> : null}
          </>
        ) : null}
      </Space>
      {result ? (
        <>
          {result.reason ? <Typography.Paragraph type="warning">{result.reason}</Typography.Paragraph> : null}
          <pre className="run-output" data-testid="project-run-output">
            {result.compile_output ? <span className="compile">{result.compile_output}</span> : null}
            <span>{result.stdout ?? ''}</span>
            <span className="stderr">{result.stderr ?? ''}</span>
          </pre>
        </>
      ) : null}
    </div>
  );
}

function NotesTab({ project }: { project: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const base = `/workspace/projects/${encodeURIComponent(project)}/notes`;
  const notes = useLoad(() => api.get<{ notes: Note[] }>(base, { limit: 100 }), [base]);
  const [editing, setEditing] = useState<{ id?: number; title: string; content: string }>();

  const guarded = async (action: () => Promise<unknown>) => {
    try {
      await action();
      await notes.reload();
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={10}>
        <Button type="primary" onClick={() => setEditing({ title: '', content: '' })} style={{ marginBottom: 8 }}>
          {t('workspaces.newNote')}
        </Button>
        <List
          loading={notes.loading}
          dataSource={notes.data?.notes ?? []}
          renderItem={(note) => (
            <List.Item
              actions={[
                <Popconfirm key="delete" title={t('workspaces.confirmDeleteNote')} onConfirm={() => guarded(() => api.delete(`${base}/${note.id}`))} okText={t('common.delete')} cancelText={t('common.cancel')}>
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                </Popconfirm>,
              ]}
            >
              <List.Item.Meta title={<Typography.Link onClick={() => setEditing(note)}>{note.title}</Typography.Link>} description={formatTime(note.updated_at)} />
            </List.Item>
          )}
        />
      </Col>
      <Col xs={24} md={14}>
        {editing ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Input value={editing.title} onChange={(e) => setEditing({ ...editing, title: e.target.value })} placeholder={t('workspaces.noteTitle')} />
            <Input.TextArea rows={12} value={editing.content} onChange={(e) => setEditing({ ...editing, content: e.target.value })} />
            <Button type="primary" onClick={() => guarded(async () => {
              const body = { title: editing.title, content: editing.content };
              const saved = editing.id ? await api.put<Note>(`${base}/${editing.id}`, body) : await api.post<Note>(base, body);
              setEditing(saved);
            })}>
              {t('common.save')}
            </Button>
          </Space>
        ) : null}
      </Col>
    </Row>
  );
}

export function ProjectPage() {
  const { t } = useTranslation();
  const { id: project = '' } = useParams();
  const { message } = App.useApp();
  const navigate = useNavigate();
  // A terminal session that works in this project's files.
  const openTerminal = async () => {
    try {
      const session = await api.post<{ id: string }>('/ccresearch/sessions', { title: project, project });
      navigate(`/terminals?open=${encodeURIComponent(session.id)}`);
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  return (
    <Card title={<PageTitle>{project}</PageTitle>} extra={<Button id="project-terminal" icon={<CodeOutlined />} onClick={openTerminal}>{t('terminals.open')}</Button>}>
      <Tabs
        items={[
          { key: 'files', label: t('workspaces.files'), children: <FilesTab project={project} /> },
          { key: 'notes', label: t('workspaces.notes'), children: <NotesTab project={project} /> },
        ]}
      />
    </Card>
  );
}
