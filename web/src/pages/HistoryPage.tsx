import { RedoOutlined } from '@ant-design/icons';
import { Button, Card, Spin, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import type { Execution } from '../api/types';
import { useLoad } from '../api/useLoad';
import { formatBytes, formatTime, statusColor } from '../components/format';
import type { EditorSeed } from './EditorPage';
import { PageTitle } from '../components/PageTitle';

/**
 * A run's output and code. Lists of runs carry only the start of long outputs: the whole run is fetched
 * when it is opened, and the start shows meanwhile.
 */
export function ExecutionDetails({ execution: listed }: { execution: Execution }) {
  const { t } = useTranslation();
  const whole = useLoad(
    () => (listed.truncated ? api.get<Execution>(`/executions/${listed.id}`) : Promise.resolve(listed)),
    [listed],
  );
  const execution = whole.data ?? listed;
  return (
    <div>
      {execution.reason ? <Typography.Paragraph type="warning">{execution.reason}</Typography.Paragraph> : null}
      {execution.compile_output ? <pre className="run-output"><span className="compile">{execution.compile_output}</span></pre> : null}
      <pre className="run-output">
        <span>{execution.stdout ?? ''}</span>
        <span className="stderr">{execution.stderr ?? ''}</span>
      </pre>
      {whole.loading && listed.truncated ? <Spin size="small" data-testid="run-details-loading" /> : null}
      {whole.error ? <Typography.Text type="danger">{whole.error.message}</Typography.Text> : null}
      <Typography.Text type="secondary">{t('history.code')}</Typography.Text>
      <pre className="run-output" style={{ minHeight: 0 }}>{execution.code}</pre>
    </div>
  );
}

/** The user's past runs, newest first; any of them can be opened in the editor again. */
export function HistoryPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const executions = useLoad(() => api.get<Execution[]>('/executions', { limit: 100 }), []);

  const rerun = (execution: Execution) => {
    const seed: EditorSeed = { language: execution.language, code: execution.code };
    navigate('/editor', { state: seed });
  };

  return (
    <Card title={<PageTitle>{t('history.title')}</PageTitle>}>
      {executions.error ? <Typography.Text type="danger">{executions.error.message}</Typography.Text> : null}
      <Table<Execution>
        rowKey="id"
        loading={executions.loading}
        dataSource={executions.data ?? []}
        scroll={{ x: true }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        expandable={{ expandedRowRender: (execution) => <ExecutionDetails execution={execution} /> }}
        columns={[
          { title: t('history.when'), dataIndex: 'created_at', render: formatTime },
          { title: t('history.language'), dataIndex: 'language', render: (l: string) => <Tag color="blue">{l}</Tag> },
          { title: t('history.status'), dataIndex: 'status', render: (s: string) => <Tag color={statusColor(s)}>{s}</Tag> },
          { title: t('history.time'), dataIndex: 'execution_time', render: (ms: number) => `${ms} ms`, responsive: ['sm'] },
          { title: t('history.memory'), dataIndex: 'memory_usage', render: formatBytes, responsive: ['md'] },
          { title: t('history.via'), dataIndex: 'is_api_call', render: (api: boolean) => (api ? 'API' : 'Web'), responsive: ['md'] },
          {
            title: '',
            key: 'rerun',
            render: (_, execution) => (
              <Button size="small" icon={<RedoOutlined />} onClick={() => rerun(execution)}>
                {t('history.rerun')}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
