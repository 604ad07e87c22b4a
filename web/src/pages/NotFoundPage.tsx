import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PageTitle } from '../components/PageTitle';

export function NotFoundPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={<PageTitle style={{ fontSize: 24 }}>{t('notFound.title')}</PageTitle>}
      subTitle={t('notFound.text')}
      extra={<Button onClick={() => navigate('/')}>{t('notFound.home')}</Button>}
    />
  );
}
