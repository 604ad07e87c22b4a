import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { messageOf } from '../api/useLoad';
import { useAuth } from '../auth/AuthContext';
import { PageTitle } from '../components/PageTitle';

interface RegisterFields {
  username: string;
  email: string;
  full_name?: string;
  password: string;
  confirm: string;
}

export function RegisterPage() {
  const { t } = useTranslation();
  const { register, login } = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (values: RegisterFields) => {
    setBusy(true);
    setError(undefined);
    try {
      await register({ username: values.username, email: values.email, password: values.password, full_name: values.full_name });
      await login(values.username, values.password);
      navigate('/editor', { replace: true });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card style={{ maxWidth: 440, margin: '32px auto' }}>
      <PageTitle style={{ fontSize: 24, marginBottom: 16 }}>{t('register.title')}</PageTitle>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="register-error" /> : null}
      <Form<RegisterFields> layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item htmlFor="register-username" name="username" label={t('login.username')} rules={[{ required: true, message: t('form.required') }]}>
          <Input autoComplete="username" id="register-username" />
        </Form.Item>
        <Form.Item htmlFor="register-email"
          name="email"
          label={t('register.email')}
          rules={[{ required: true, message: t('form.required') }, { type: 'email', message: t('register.badEmail') }]}
        >
          <Input autoComplete="email" id="register-email" />
        </Form.Item>
        <Form.Item htmlFor="register-full-name" name="full_name" label={t('register.fullName')}>
          <Input autoComplete="name" id="register-full-name" />
        </Form.Item>
        <Form.Item htmlFor="register-password" name="password" label={t('login.password')} rules={[{ required: true, message: t('form.required') }]}>
          <Input.Password autoComplete="new-password" id="register-password" />
        </Form.Item>
        <Form.Item htmlFor="register-confirm"
          name="confirm"
          label={t('register.confirm')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('form.required') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue('password') === value ? Promise.resolve() : Promise.reject(new Error(t('register.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" id="register-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} id="register-submit">
          {t('register.submit')}
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16 }}>
        {t('register.haveAccount')} <Link to="/login" className="inline-link">{t('nav.login')}</Link>
      </Typography.Paragraph>
    </Card>
  );
}
