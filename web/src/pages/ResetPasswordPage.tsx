import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../api/client';
import { problemCode } from '../api/problems';
import { PageTitle } from '../components/PageTitle';
import { ProblemAlert } from '../components/ProblemAlert';

interface Fields {
  new_password: string;
  confirm: string;
}

/**
 * Choosing a new password from the link in a reset mail (?token=…). The link works once; after it
 * every session of the account has ended, so the user signs in again with the new password.
 */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>();

  const submit = async (values: Fields) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await api.request('/reset-password', { method: 'POST', body: { token, new_password: values.new_password }, noRefresh: true });
      navigate('/login?reset=1', { replace: true });
    } catch (e) {
      setProblem(e);
    } finally {
      setBusy(false);
    }
  };

  const askAgain = (
    <Typography.Paragraph style={{ marginTop: 16 }}>
      <Link to="/forgot-password" id="reset-ask-again">{t('reset.askAgain')}</Link>
    </Typography.Paragraph>
  );

  return (
    <Card style={{ maxWidth: 400, margin: '32px auto' }}>
      <PageTitle style={{ fontSize: 24, marginBottom: 16 }}>{t('reset.title')}</PageTitle>
      {!token ? (
        <>
          <Alert type="warning" showIcon message={t('reset.noToken')} />
          {askAgain}
        </>
      ) : (
        <>
          <ProblemAlert error={problem} onClose={() => setProblem(undefined)} />
          <Form<Fields> layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item name="new_password" htmlFor="reset-password" label={t('password.new')} rules={[{ required: true, message: t('form.required') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="new-password" id="reset-password" />
            </Form.Item>
            <Form.Item
              name="confirm"
              htmlFor="reset-confirm"
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
              <Input.Password prefix={<LockOutlined />} autoComplete="new-password" id="reset-confirm" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} id="reset-submit">
              {t('reset.submit')}
            </Button>
          </Form>
          {problemCode(problem) === 'invalid_reset_token' ? askAgain : null}
        </>
      )}
    </Card>
  );
}
