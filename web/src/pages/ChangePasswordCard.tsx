import { App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { ProblemAlert } from '../components/ProblemAlert';

interface Fields {
  old_password: string;
  new_password: string;
  confirm: string;
}

/**
 * Changing one's own password. The server ends every session of the account when the password
 * changes (this one too), so the page signs in again with the new password at once: the user stays
 * signed in here and everywhere else has to sign in again.
 */
export function ChangePasswordCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user, login } = useAuth();
  const [form] = Form.useForm<Fields>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>();

  const change = async (values: Fields) => {
    setBusy(true);
    setProblem(undefined);
    try {
      // A wrong current password is a 401 answer, not an expired session: no refresh, no sign-out.
      await api.request('/change-password', {
        method: 'POST',
        body: { old_password: values.old_password, new_password: values.new_password },
        noRefresh: true,
      });
      if (user) {
        await login(user.username, values.new_password);
      }
      form.resetFields();
      message.success(t('password.changed'));
    } catch (e) {
      setProblem(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>{t('password.title')}</h2>}>
      <ProblemAlert error={problem} onClose={() => setProblem(undefined)} />
      <Form form={form} layout="vertical" onFinish={change} requiredMark={false}>
        <Form.Item htmlFor="password-current" name="old_password" label={t('password.current')} rules={[{ required: true, message: t('form.required') }]}>
          <Input.Password id="password-current" autoComplete="current-password" />
        </Form.Item>
        <Form.Item htmlFor="password-new" name="new_password" label={t('password.new')} rules={[{ required: true, message: t('form.required') }]}>
          <Input.Password id="password-new" autoComplete="new-password" />
        </Form.Item>
        <Form.Item htmlFor="password-confirm"
          name="confirm"
          label={t('register.confirm')}
          dependencies={['new_password']}
          rules={[
            { required: true, message: t('form.required') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('new_password') ? Promise.resolve() : Promise.reject(new Error(t('register.mismatch'))),
            }),
          ]}
        >
          <Input.Password id="password-confirm" autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} id="password-submit">
          {t('password.change')}
        </Button>
      </Form>
    </Card>
  );
}
