import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuthOptions } from '../api/authOptions';
import { messageOf } from '../api/useLoad';
import { useAuth } from '../auth/AuthContext';
import { PageTitle } from '../components/PageTitle';

/** Only paths of this UI are followed after signing in, never another site. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return '/editor';
  }
  return next;
}

export function LoginPage() {
  const { t } = useTranslation();
  const { login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const options = useAuthOptions();

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      await login(values.username, values.password);
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card style={{ maxWidth: 400, margin: '32px auto' }}>
      <PageTitle style={{ fontSize: 24, marginBottom: 16 }}>{t('login.title')}</PageTitle>
      {params.get('registered') ? <Alert type="success" showIcon message={t('login.registered')} style={{ marginBottom: 16 }} /> : null}
      {params.get('reset') ? (
        <Alert type="success" showIcon message={t('login.passwordReset')} style={{ marginBottom: 16 }} data-testid="login-reset" />
      ) : null}
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" /> : null}
      <Form layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item htmlFor="login-username" name="username" label={t('login.username')} rules={[{ required: true, message: t('form.required') }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" id="login-username" />
        </Form.Item>
        <Form.Item htmlFor="login-password" name="password" label={t('login.password')} rules={[{ required: true, message: t('form.required') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" id="login-password" />
        </Form.Item>
        {options?.password_reset_by_mail ? (
          <div style={{ textAlign: 'right', marginTop: -16, marginBottom: 16 }}>
            <Link to="/forgot-password" id="login-forgot">{t('login.forgot')}</Link>
          </div>
        ) : null}
        <Button type="primary" htmlType="submit" block loading={busy} id="login-submit">
          {t('login.submit')}
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16 }}>
        {t('login.noAccount')} <Link to="/register" className="inline-link">{t('nav.register')}</Link>
      </Typography.Paragraph>
    </Card>
  );
}
