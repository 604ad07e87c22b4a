import { ApiOutlined, CheckOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, AutoComplete, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { messageOf, useLoad } from '../api/useLoad';
import { AI_PROVIDERS, aiConfigBody, needsBaseUrl, type AiConfigForm } from '../ai/aiRequests';
import { PageTitle } from '../components/PageTitle';
import { announceAiConfigsChanged } from '../ai/aiAvailability';
import { presetOf, PROVIDER_PRESETS } from '../ai/aiPresets';

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

interface ConnectionResult {
  ok: boolean;
  reply: string | null;
  reason: string | null;
  detail: string;
  latency_ms: number;
}

/** The user's AI provider configurations: add (with each provider's models and addresses suggested), test, activate, delete. Keys are only ever shown masked. */
export function AiConfigsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const configs = useLoad(() => api.get<AiConfigView[]>('/ai-configs'), []);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<AiConfigForm>();
  const provider = Form.useWatch('provider', form);
  const preset = presetOf(provider);
  const [tested, setTested] = useState<Record<number, ConnectionResult | 'testing'>>({});

  const test = async (id: number) => {
    setTested((all) => ({ ...all, [id]: 'testing' }));
    try {
      const result = await api.post<ConnectionResult>(`/ai-configs/${id}/test`, {});
      setTested((all) => ({ ...all, [id]: result }));
    } catch (e) {
      setTested((all) => ({ ...all, [id]: { ok: false, reply: null, reason: null, detail: messageOf(e), latency_ms: 0 } }));
    }
  };

  const guarded = async (action: () => Promise<unknown>) => {
    try {
      await action();
      await configs.reload();
      announceAiConfigsChanged();
      return true;
    } catch (e) {
      message.error(messageOf(e));
      return false;
    }
  };

  return (
    <Card title={<PageTitle>{t('ai.configs')}</PageTitle>} extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} id="ai-add">{t('ai.add')}</Button>}>
      <Typography.Paragraph type="secondary">{t('ai.intro')}</Typography.Paragraph>
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
            title: t('ai.connection'),
            key: 'connection',
            render: (_, c) => {
              const result = tested[c.id];
              if (result === undefined || result === 'testing') {
                return (
                  <Button size="small" icon={<ApiOutlined />} loading={result === 'testing'} onClick={() => test(c.id)} data-testid="ai-test">
                    {t('ai.test')}
                  </Button>
                );
              }
              return (
                <Alert
                  type={result.ok ? 'success' : 'error'}
                  showIcon
                  data-testid="ai-test-result"
                  message={result.ok ? t('ai.testOk', { ms: result.latency_ms }) : t('ai.testFailed', { reason: result.reason ?? '' })}
                  description={result.ok ? result.reply : result.detail}
                  action={<Button size="small" type="text" onClick={() => test(c.id)}>{t('ai.testAgain')}</Button>}
                />
              );
            },
          },
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
        <Form form={form} layout="vertical" initialValues={{ provider: 'openai', config_name: PROVIDER_PRESETS.openai.label, model_name: PROVIDER_PRESETS.openai.models[0] }}
          onValuesChange={(changed: Partial<AiConfigForm>) => {
            // Picking a provider fills in its name and first model, which the user may still change.
            const picked = presetOf(changed.provider);
            if (picked) {
              form.setFieldsValue({ config_name: picked.label, model_name: picked.models[0] ?? '' });
            }
          }}>
          <Form.Item name="provider" label={t('ai.provider')} rules={[{ required: true }]} htmlFor="ai-provider">
            <Select id="ai-provider" options={AI_PROVIDERS.map((p) => ({ value: p, label: PROVIDER_PRESETS[p].label }))} />
          </Form.Item>
          <Form.Item name="config_name" label={t('ai.name')} rules={[{ required: true }]} htmlFor="ai-name"><Input id="ai-name" /></Form.Item>
          <Form.Item name="model_name" label={t('ai.model')} rules={[{ required: true }]} htmlFor="ai-model"
            extra={preset && preset.models.length > 0 ? t('ai.modelHint') : t('ai.modelAsProviderNamesIt')}>
            <AutoComplete id="ai-model" options={(preset?.models ?? []).map((m) => ({ value: m }))} />
          </Form.Item>
          <Form.Item name="api_key" label={t('ai.key')} htmlFor="ai-key" rules={[{ required: preset?.keyRequired ?? false }]}
            extra={preset?.keyUrl ? <>{t('ai.keyFrom')} <Typography.Link href={preset.keyUrl} target="_blank" rel="noreferrer">{preset.keyUrl}</Typography.Link></> : t('ai.keyOptional')}>
            <Input.Password id="ai-key" autoComplete="off" />
          </Form.Item>
          <Form.Item name="base_url" label={t('ai.baseUrl')} htmlFor="ai-base-url" rules={[{ required: needsBaseUrl(provider) }]}
            extra={preset?.baseUrl ? t('ai.baseUrlDefault', { url: preset.baseUrl }) : t('ai.baseUrlNeeded')}>
            <Input id="ai-base-url" placeholder={preset?.baseUrl ?? preset?.baseUrlExample ?? 'https://'} />
          </Form.Item>
          <Space>
            <Form.Item name="temperature" label={t('ai.temperature')}><InputNumber min={0} max={2} step={0.1} /></Form.Item>
            <Form.Item name="max_tokens" label={t('ai.maxTokens')}><InputNumber min={1} /></Form.Item>
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}
