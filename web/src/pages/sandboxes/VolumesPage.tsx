import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, InputNumber, Popconfirm, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { VolumeView } from '../../api/sandboxes';
import { useLoad } from '../../api/useLoad';
import { formatBytes, formatTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { EmptyText } from './EmptyText';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SandboxesNav } from './SandboxesNav';

/** The user's volumes: folders of a bounded size that sandboxes mount; create, list, delete (refused while mounted). */
export function VolumesPage() {
  const { t } = useTranslation();
  const volumes = useLoad(() => api.get<VolumeView[]>('/volumes'), []);
  const [name, setName] = useState('');
  const [size, setSize] = useState<number | null>(null);
  const [problem, setProblem] = useState<unknown>();

  const guarded = async (action: () => Promise<unknown>) => {
    setProblem(undefined);
    try {
      await action();
    } catch (e) {
      setProblem(e);
    }
    await volumes.reload();
  };

  const create = () =>
    guarded(async () => {
      await api.post('/volumes', { name: name.trim(), size_mb: size ?? undefined });
      setName('');
      setSize(null);
    });

  return (
    <Card title={<PageTitle>{t('volumes.title')}</PageTitle>}>
      <SandboxesNav />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input id="volume-name" aria-label={t('volumes.name')} placeholder={t('volumes.namePlaceholder')} value={name}
          onChange={(e) => setName(e.target.value)} onPressEnter={() => name.trim() && void create()} style={{ width: 240 }} />
        <InputNumber id="volume-size" aria-label={t('volumes.size')} placeholder={t('volumes.size')} min={16} value={size}
          onChange={(value) => setSize(value)} style={{ width: 140 }} />
        <Button id="volume-create" type="primary" icon={<PlusOutlined />} disabled={!name.trim()} onClick={() => void create()}>
          {t('volumes.create')}
        </Button>
      </Space>
      <ProblemAlert error={problem ?? volumes.error} onClose={problem ? () => setProblem(undefined) : undefined} />
      <Table<VolumeView>
        rowKey="id"
        loading={volumes.loading && !volumes.data}
        dataSource={volumes.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: <EmptyText>{t('volumes.none')}</EmptyText> }}
        onRow={(v) => ({ 'data-testid': `volume-row-${v.name}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('volumes.name'), dataIndex: 'name' },
          { title: t('volumes.size'), dataIndex: 'size_mb' },
          { title: t('volumes.used'), dataIndex: 'used_bytes', render: formatBytes },
          { title: t('volumes.created'), dataIndex: 'created_at', render: (at: number) => formatTime(at), responsive: ['md'] },
          {
            title: t('sandboxes.actions'),
            key: 'delete',
            render: (_, v) => (
              <Popconfirm title={t('volumes.confirmDelete', { name: v.name })} okText={t('common.delete')} cancelText={t('common.cancel')}
                onConfirm={() => guarded(() => api.delete(`/volumes/${v.id}`))}>
                <Button size="small" danger>{t('common.delete')}</Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Card>
  );
}
