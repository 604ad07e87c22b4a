import { CopyOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Popconfirm, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { ApiKeyCreated, ApiKeyInfo } from '../api/types';
import { messageOf, useLoad } from '../api/useLoad';
import { formatTime } from '../components/format';
import { PageTitle } from '../components/PageTitle';

/** How a program calls the API with a key; the origin is this server's. */
export function usageExamples(origin: string, key: string): Record<'curl' | 'python' | 'javascript', string> {
  return {
    curl: `curl -s ${origin}/api/v1/execute \\
  -H 'Authorization: Bearer ${key}' \\
  -H 'Content-Type: application/json' \\
  -d '{"language":"python","code":"print(6 * 7)"}'`,
    python: `import json, urllib.request

request = urllib.request.Request(
    "${origin}/api/v1/execute",
    data=json.dumps({"language": "python", "code": "print(6 * 7)"}).encode(),
    headers={"Authorization": "Bearer ${key}", "Content-Type": "application/json"},
)
print(json.load(urllib.request.urlopen(request))["output"])`,
    javascript: `const response = await fetch("${origin}/api/v1/execute", {
  method: "POST",
  headers: { Authorization: "Bearer ${key}", "Content-Type": "application/json" },
  body: JSON.stringify({ language: "python", code: "print(6 * 7)" }),
});
console.log((await response.json()).output);`,
  };
}

interface CreateFields {
  key_name: string;
  scopes: string[];
  expires_in_days?: number;
}

export function ApiKeysPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const keys = useLoad(() => api.get<ApiKeyInfo[]>('/api-keys'), []);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<ApiKeyCreated>();
  const [form] = Form.useForm<CreateFields>();

  const create = async (values: CreateFields) => {
    setBusy(true);
    try {
      const key = await api.post<ApiKeyCreated>('/api-keys', values);
      setCreating(false);
      form.resetFields();
      setCreated(key);
      await keys.reload();
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const act = async (action: () => Promise<unknown>) => {
    try {
      await action();
      await keys.reload();
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      message.success(t('apiKeys.copied'));
    } catch {
      message.warning(t('apiKeys.copyFailed'));
    }
  };

  const examples = usageExamples(window.location.origin, created?.api_key ?? 'sk-...');

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={<PageTitle>{t('apiKeys.title')}</PageTitle>}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} id="create-key">
            {t('apiKeys.create')}
          </Button>
        }
      >
        {created ? (
          <Alert
            type="success"
            showIcon
            closable
            onClose={() => setCreated(undefined)}
            style={{ marginBottom: 16 }}
            message={t('apiKeys.createdOnce')}
            description={
              <Space.Compact style={{ width: '100%' }}>
                <Input readOnly value={created.api_key} id="new-key-value" style={{ fontFamily: 'monospace' }} />
                <Button icon={<CopyOutlined />} onClick={() => copy(created.api_key)}>
                  {t('apiKeys.copy')}
                </Button>
              </Space.Compact>
            }
          />
        ) : null}
        {keys.error ? <Typography.Text type="danger">{keys.error.message}</Typography.Text> : null}
        <Table<ApiKeyInfo>
          rowKey="id"
          loading={keys.loading}
          dataSource={keys.data ?? []}
          pagination={false}
          scroll={{ x: true }}
          data-testid="api-keys-table"
          columns={[
            { title: t('apiKeys.name'), dataIndex: 'key_name' },
            { title: t('apiKeys.prefix'), dataIndex: 'key_prefix', render: (p: string) => <Typography.Text code>{p}…</Typography.Text> },
            { title: t('apiKeys.scopes'), dataIndex: 'scopes', render: (s: string[]) => s.map((x) => <Tag key={x}>{x}</Tag>), responsive: ['md'] },
            { title: t('apiKeys.uses'), dataIndex: 'usage_count' },
            { title: t('apiKeys.lastUsed'), dataIndex: 'last_used', render: formatTime, responsive: ['md'] },
            { title: t('apiKeys.expires'), dataIndex: 'expires_at', render: (e: string | null) => (e ? formatTime(e) : t('apiKeys.never')), responsive: ['lg'] },
            {
              title: t('apiKeys.active'),
              dataIndex: 'is_active',
              render: (active: boolean, key) => (
                <Switch checked={active} onChange={() => act(() => api.put(`/api-keys/${key.id}/toggle`))} aria-label={t('apiKeys.active')} />
              ),
            },
            {
              title: '',
              key: 'delete',
              render: (_, key) => (
                <Popconfirm title={t('apiKeys.confirmDelete')} onConfirm={() => act(() => api.delete(`/api-keys/${key.id}`))} okText={t('common.delete')} cancelText={t('common.cancel')}>
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('apiKeys.usage')}>
        <Tabs
          items={(['curl', 'python', 'javascript'] as const).map((lang) => ({
            key: lang,
            label: lang === 'curl' ? 'curl' : lang === 'python' ? 'Python' : 'JavaScript',
            children: (
              <div style={{ position: 'relative' }}>
                <pre className="run-output" style={{ minHeight: 0 }}>{examples[lang]}</pre>
                <Button size="small" icon={<CopyOutlined />} style={{ position: 'absolute', top: 8, right: 8 }} onClick={() => copy(examples[lang])} />
              </div>
            ),
          }))}
        />
      </Card>
      <Modal
        open={creating}
        title={t('apiKeys.create')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        confirmLoading={busy}
        okText={t('apiKeys.create')}
        cancelText={t('common.cancel')}
        okButtonProps={{ id: 'create-key-confirm' }}
      >
        <Form<CreateFields> form={form} layout="vertical" onFinish={create} initialValues={{ scopes: ['execute', 'read_library'] }} requiredMark={false}>
          <Form.Item htmlFor="key-name" name="key_name" label={t('apiKeys.name')} rules={[{ required: true, message: t('form.required') }]}>
            <Input id="key-name" maxLength={100} />
          </Form.Item>
          <Form.Item name="scopes" label={t('apiKeys.scopes')} rules={[{ required: true, message: t('form.required') }]}>
            <Checkbox.Group options={[{ value: 'execute', label: t('apiKeys.scopeExecute') }, { value: 'read_library', label: t('apiKeys.scopeLibrary') }]} />
          </Form.Item>
          <Form.Item name="expires_in_days" label={t('apiKeys.expiresInDays')}>
            <InputNumber min={1} max={3650} placeholder={t('apiKeys.never')} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
