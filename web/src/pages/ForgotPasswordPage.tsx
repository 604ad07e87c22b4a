import { MailOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { PageTitle } from '../components/PageTitle';
import { ProblemAlert } from '../components/ProblemAlert';

/**
 * Asking for a password reset link. The server answers the same whether or not an account has
 * that address, and so does this page: it never says which.
 */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [problem, setProblem] = useState<unknown>();

  const submit = async (values: { email: string }) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await api.request('/forgot-password', { method: 'POST', body: { email: values.email.trim() }, noRefresh: true });
      setSent(true);
    } catch (e) {
      setProblem(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card style={{ maxWidth: 400, margin: '32px auto' }}>
      <PageTitle style={{ fontSize: 24, marginBottom: 16 }}>{t('forgot.title')}</PageTitle>
      {sent ? (
        <Alert type="success" showIcon message={t('forgot.sent')} data-testid="forgot-sent" style={{ marginBottom: 16 }} />
      ) : (
        <>
          <Typography.Paragraph>{t('forgot.intro')}</Typography.Paragraph>
          <ProblemAlert error={problem} onClose={() => setProblem(undefined)} />
          <Form layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item
              name="email"
              htmlFor="forgot-email"
              label={t('register.email')}
              rules={[{ required: true, message: t('form.required') }, { type: 'email', message: t('register.badEmail') }]}
            >
              <Input prefix={<MailOutlined />} autoComplete="email" id="forgot-email" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} id="forgot-submit">
              {t('forgot.submit')}
            </Button>
          </Form>
        </>
      )}
      <Typography.Paragraph style={{ marginTop: 16 }}>
        <Link to="/login">{t('forgot.backToLogin')}</Link>
      </Typography.Paragraph>
    </Card>
  );
}
