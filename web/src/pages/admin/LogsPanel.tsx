import { Card, Col, DatePicker, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../../api/client';
import type { LogEntry } from '../../api/types';
import { useLoad } from '../../api/useLoad';
import { formatTime } from '../../components/format';

interface LogStats {
  total_logs: number;
  success_count: number;
  failure_count: number;
  last_24h: number;
  by_action: Record<string, number>;
}

export function LogsPanel() {
  const { t } = useTranslation();
  const [action, setAction] = useState<string>();
  const [resourceType, setResourceType] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const actions = useLoad(() => api.get<string[]>('/admin/logs/actions'), []);
  const types = useLoad(() => api.get<string[]>('/admin/logs/resource-types'), []);
  const stats = useLoad(() => api.get<LogStats>('/admin/logs/stats'), []);
  const logs = useLoad(
    () =>
      api.get<LogEntry[]>('/admin/logs', {
        action,
        resource_type: resourceType,
        status,
        start_date: range?.[0]?.startOf('day').toISOString(),
        end_date: range?.[1]?.endOf('day').toISOString(),
        limit: 100,
      }),
    [action, resourceType, status, range],
  );
  const byAction = Object.entries(stats.data?.by_action ?? {})
    .slice(0, 12)
    .map(([name, count]) => ({ name, count }));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}><Statistic title={t('admin.logTotal')} value={stats.data?.total_logs ?? 0} /></Col>
        <Col xs={12} md={6}><Statistic title={t('admin.logSuccess')} value={stats.data?.success_count ?? 0} /></Col>
        <Col xs={12} md={6}><Statistic title={t('admin.logFailure')} value={stats.data?.failure_count ?? 0} /></Col>
        <Col xs={12} md={6}><Statistic title={t('admin.last24h')} value={stats.data?.last_24h ?? 0} /></Col>
      </Row>
      <Card size="small" title={t('admin.byAction')}>
        <ResponsiveContainer width="100%" height={200}>
          <BarChart data={byAction}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" tick={{ fontSize: 10 }} />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar dataKey="count" fill="#722ed1" />
          </BarChart>
        </ResponsiveContainer>
      </Card>
      <Space wrap>
        <Select allowClear placeholder={t('admin.action')} style={{ width: 200 }} value={action} onChange={setAction} options={(actions.data ?? []).map((a) => ({ value: a, label: a }))} />
        <Select allowClear placeholder={t('admin.resourceType')} style={{ width: 180 }} value={resourceType} onChange={setResourceType} options={(types.data ?? []).map((a) => ({ value: a, label: a }))} />
        <Select allowClear placeholder={t('history.status')} style={{ width: 140 }} value={status} onChange={setStatus} options={[{ value: 'success', label: 'success' }, { value: 'failure', label: 'failure' }]} />
        <DatePicker.RangePicker value={range} onChange={(value) => setRange(value as [Dayjs | null, Dayjs | null] | null)} />
      </Space>
      <Table<LogEntry>
        rowKey="id"
        size="small"
        loading={logs.loading}
        dataSource={logs.data ?? []}
        scroll={{ x: true }}
        columns={[
          { title: t('history.when'), dataIndex: 'created_at', render: formatTime },
          { title: t('login.username'), dataIndex: 'username' },
          { title: t('admin.action'), dataIndex: 'action' },
          { title: t('admin.resourceType'), dataIndex: 'resource_type', responsive: ['md'] },
          { title: t('history.status'), dataIndex: 'status', render: (s: string) => <Tag color={s === 'success' ? 'green' : 'red'}>{s}</Tag> },
          { title: t('admin.address'), dataIndex: 'ip_address', responsive: ['lg'] },
          { title: t('admin.details'), dataIndex: 'details', ellipsis: true, responsive: ['lg'] },
        ]}
      />
    </Space>
  );
}
