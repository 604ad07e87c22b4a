import { Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Execution } from '../../api/types';
import { useLoad } from '../../api/useLoad';
import { formatBytes, formatTime, statusColor } from '../../components/format';
import { ExecutionDetails } from '../HistoryPage';

const STATUSES = ['OK', 'COMPILE_ERROR', 'RUNTIME_ERROR', 'TIME_LIMIT', 'MEMORY_LIMIT', 'OUTPUT_LIMIT', 'KILLED', 'INTERNAL_ERROR'];

export function ExecutionsPanel() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string>();
  const [userId, setUserId] = useState('');
  const executions = useLoad(() => api.get<Execution[]>('/admin/executions', { status, user_id: userId, limit: 100 }), [status, userId]);
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select allowClear placeholder={t('history.status')} style={{ width: 180 }} value={status} onChange={setStatus} options={STATUSES.map((s) => ({ value: s, label: s }))} />
        <Input.Search allowClear placeholder={t('admin.userId')} onSearch={setUserId} style={{ width: 160 }} />
      </Space>
      <Table<Execution>
        rowKey="id"
        loading={executions.loading}
        dataSource={executions.data ?? []}
        scroll={{ x: true }}
        expandable={{ expandedRowRender: (execution) => <ExecutionDetails execution={execution} /> }}
        columns={[
          { title: 'ID', dataIndex: 'id' },
          { title: t('admin.userId'), dataIndex: 'user_id' },
          { title: t('history.when'), dataIndex: 'created_at', render: formatTime },
          { title: t('history.language'), dataIndex: 'language' },
          { title: t('history.status'), dataIndex: 'status', render: (s: string) => <Tag color={statusColor(s)}>{s}</Tag> },
          { title: t('history.time'), dataIndex: 'execution_time', render: (ms: number) => `${ms} ms` },
          { title: t('history.memory'), dataIndex: 'memory_usage', render: formatBytes, responsive: ['md'] },
          { title: t('history.via'), dataIndex: 'is_api_call', render: (viaApi: boolean) => (viaApi ? 'API' : 'Web') },
        ]}
      />
    </>
  );
}
