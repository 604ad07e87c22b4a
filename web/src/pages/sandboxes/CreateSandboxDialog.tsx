import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { createRequest, SANDBOX_LANGUAGES, type CreateForm, type SandboxView, type SnapshotView, type VolumeView } from '../../api/sandboxes';
import { useLoad } from '../../api/useLoad';
import { ProblemAlert } from '../../components/ProblemAlert';

/**
 * The create dialog. Resources left empty take the most the user's tier allows; a refusal (a limit
 * of the tier, a name taken, a bad line of variables) is shown in the dialog, which stays open.
 */
export function CreateSandboxDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (made: SandboxView) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CreateForm>();
  const [problem, setProblem] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  // Read when the dialog opens, so that a snapshot or volume made meanwhile is offered.
  const snapshots = useLoad(() => (open ? api.get<SnapshotView[]>('/snapshots') : Promise.resolve([])), [open]);
  const volumes = useLoad(() => (open ? api.get<VolumeView[]>('/volumes') : Promise.resolve([])), [open]);

  const submit = async () => {
    const values = await form.validateFields();
    setProblem(undefined);
    setSaving(true);
    try {
      const made = await api.post<SandboxView>('/sandboxes', createRequest(values));
      form.resetFields();
      onCreated(made);
    } catch (e) {
      setProblem(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('sandboxes.createTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('sandboxes.create')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ id: 'sandbox-create-submit' }}
      width={720}
      destroyOnHidden
    >
      <ProblemAlert error={problem} onClose={() => setProblem(undefined)} />
      <Form<CreateForm> form={form} layout="vertical" name="sandbox" initialValues={{ language: 'python', network: false, auto_stop_minutes: 15 }}>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('sandboxes.name')}>
              <Input placeholder={t('sandboxes.namePlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="language" label={t('sandboxes.language')}>
              <Select options={SANDBOX_LANGUAGES.map((l) => ({ value: l, label: l }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="snapshot" label={t('sandboxes.snapshot')}>
              <Select
                allowClear
                placeholder={t('sandboxes.noSnapshot')}
                options={(snapshots.data ?? []).filter((s) => s.state === 'active').map((s) => ({ value: s.name, label: `${s.name} (${s.base})` }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={12} md={6}>
            <Form.Item name="cpu" label={t('sandboxes.cpu')}>
              <InputNumber min={0.01} step={0.25} placeholder={t('sandboxes.tierDefault')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="memory_mb" label={t('sandboxes.memory')}>
              <InputNumber min={64} step={64} placeholder={t('sandboxes.tierDefault')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="disk_mb" label={t('sandboxes.disk')}>
              <InputNumber min={16} step={64} placeholder={t('sandboxes.tierDefault')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="network" label={t('sandboxes.network')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="auto_stop_minutes" label={t('sandboxes.autoStopMinutes')}>
          <InputNumber min={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item label={t('sandboxes.volumes')} htmlFor="sandbox_add_volume">
          <Form.List name="volumes">
            {(fields, { add, remove }) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                {fields.map((field, index) => (
                  <Space key={field.key} wrap align="baseline">
                    <Form.Item name={[field.name, 'volume']} noStyle>
                      <Select
                        style={{ width: 200 }}
                        placeholder={t('sandboxes.volume')}
                        aria-label={`${t('sandboxes.volume')} ${index + 1}`}
                        options={(volumes.data ?? []).map((v) => ({ value: v.name, label: v.name }))}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'mount_path']} noStyle>
                      <Input style={{ width: 200 }} placeholder="/data" aria-label={`${t('sandboxes.mountPath')} ${index + 1}`} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'read_only']} valuePropName="checked" noStyle>
                      <Checkbox>{t('sandboxes.readOnly')}</Checkbox>
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} aria-label={t('sandboxes.removeVolume')} onClick={() => remove(field.name)} />
                  </Space>
                ))}
                <Button id="sandbox_add_volume" icon={<PlusOutlined />} onClick={() => add({ read_only: false })}>
                  {t('sandboxes.addVolume')}
                </Button>
              </Space>
            )}
          </Form.List>
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="env" label={t('sandboxes.env')} extra={t('sandboxes.envHelp')}>
              <Input.TextArea rows={3} placeholder="NAME=value" spellCheck={false} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="labels" label={t('sandboxes.labels')} extra={t('sandboxes.labelsHelp')}>
              <Input.TextArea rows={3} placeholder="team=web" spellCheck={false} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
