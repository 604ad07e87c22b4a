import { Button, Form, InputNumber, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';

interface SiteSettings {
  anonymous_runs_allowed: boolean;
  anonymous_runs_per_minute_per_ip: number;
}

/** What an administrator changes while the server runs: whether visitors may run programs, and how many a minute. */
export function SettingsPanel() {
  const { t } = useTranslation();
  const [form] = Form.useForm<SiteSettings>();
  const [loaded, setLoaded] = useState(false);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<unknown>();
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    api
      .get<SiteSettings>('/admin/settings')
      .then((settings) => {
        form.setFieldsValue(settings);
        setLoaded(true);
      })
      .catch(setProblem);
  }, [form]);

  const save = async (values: SiteSettings) => {
    setSaving(true);
    setProblem(undefined);
    setSaved(false);
    try {
      form.setFieldsValue(await api.put<SiteSettings>('/admin/settings', values));
      setSaved(true);
    } catch (e) {
      setProblem(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div style={{ maxWidth: 560 }}>
      <ProblemAlert error={problem} onClose={() => setProblem(undefined)} />
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('admin.anonymousRuns')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('admin.anonymousRunsHelp')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={save} disabled={!loaded} onValuesChange={() => setSaved(false)}>
        <Form.Item htmlFor="settings-anonymous-allowed" name="anonymous_runs_allowed" label={t('admin.anonymousRunsAllowed')} valuePropName="checked">
          <Switch id="settings-anonymous-allowed" />
        </Form.Item>
        <Form.Item htmlFor="settings-anonymous-rate"
          name="anonymous_runs_per_minute_per_ip"
          label={t('admin.anonymousRunsPerMinute')}
          rules={[{ required: true, type: 'number', min: 1, max: 1000000 }]}
        >
          <InputNumber id="settings-anonymous-rate" min={1} max={1000000} style={{ width: 160 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} id="settings-save">
          {t('common.save')}
        </Button>
        {saved ? (
          <Typography.Text type="success" style={{ marginLeft: 12 }} data-testid="settings-saved">
            {t('admin.settingsSaved')}
          </Typography.Text>
        ) : null}
      </Form>
    </div>
  );
}
