import { CheckOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { messageOf, useLoad } from '../api/useLoad';
import { AI_PROVIDERS, aiConfigBody, needsBaseUrl, type AiConfigForm } from '../ai/aiRequests';
import { PageTitle } from '../components/PageTitle';

interface AiConfigView {
  id: number;
  config_name: string;
  provider: string;
  model_name: string;
  api_key: string | null;
  base_url: string | null;
  is_active: boolean;
  request_count: number;
}

/** The user's AI provider configurations: add, activate one, delete. Keys are only ever shown masked. */
export function AiConfigsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const configs = useLoad(() => api.get<AiConfigView[]>('/ai-configs'), []);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<AiConfigForm>();
  const provider = Form.useWatch('provider', form);

  const guarded = async (action: () => Promise<unknown>) => {
    try {
      await action();
      await configs.reload();
      return true;
    } catch (e) {
      message.error(messageOf(e));
      return false;
    }
  };

  return (
    <Card title={<PageTitle>{t('ai.configs')}</PageTitle>} extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('ai.add')}</Button>}>
      <Table<AiConfigView>
        rowKey="id"
        loading={configs.loading}
        dataSource={configs.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('ai.name'), dataIndex: 'config_name', render: (v: string, c) => <Space>{v}{c.is_active && <Tag color="green">{t('ai.active')}</Tag>}</Space> },
          { title: t('ai.provider'), dataIndex: 'provider' },
          { title: t('ai.model'), dataIndex: 'model_name' },
          { title: t('ai.key'), dataIndex: 'api_key' },
          { title: t('ai.requests'), dataIndex: 'request_count', responsive: ['md'] },
          {
            title: '',
            key: 'actions',
            render: (_, c) => (
              <Space>
                {!c.is_active && (
                  <Button size="small" icon={<CheckOutlined />} onClick={() => guarded(() => api.put(`/ai-configs/${c.id}`, { is_active: true }))}>{t('ai.activate')}</Button>
                )}
                <Popconfirm title={t('ai.confirmDelete', { name: c.config_name })} okText={t('common.delete')} cancelText={t('common.cancel')}
                  onConfirm={() => guarded(() => api.delete(`/ai-configs/${c.id}`))}>
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal open={adding} title={t('ai.add')} okText={t('common.save')} cancelText={t('common.cancel')} onCancel={() => setAdding(false)}
        onOk={async () => {
          const values = await form.validateFields();
          if (await guarded(() => api.post('/ai-configs', aiConfigBody(values)))) {
            form.resetFields();
            setAdding(false);
          }
        }}>
        <Form form={form} layout="vertical" initialValues={{ provider: 'openai' }}>
          <Form.Item name="config_name" label={t('ai.name')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="provider" label={t('ai.provider')} rules={[{ required: true }]}>
            <Select options={AI_PROVIDERS.map((p) => ({ value: p, label: p }))} />
          </Form.Item>
          <Form.Item name="model_name" label={t('ai.model')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="api_key" label={t('ai.key')}><Input.Password autoComplete="off" /></Form.Item>
          <Form.Item name="base_url" label={t('ai.baseUrl')} rules={[{ required: needsBaseUrl(provider) }]}><Input placeholder="https://" /></Form.Item>
          <Space>
            <Form.Item name="temperature" label={t('ai.temperature')}><InputNumber min={0} max={2} step={0.1} /></Form.Item>
            <Form.Item name="max_tokens" label={t('ai.maxTokens')}><InputNumber min={1} /></Form.Item>
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}
