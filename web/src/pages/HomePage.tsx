import { ApiOutlined, CodeOutlined, SafetyOutlined, TeamOutlined, ThunderboltOutlined, TranslationOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import type { Language } from '../api/types';
import { useLoad } from '../api/useLoad';
import { useAuth } from '../auth/AuthContext';
import { usePageTitle } from '../components/PageTitle';

/** The product's front page: what it does, the languages this server runs, where to start. */
export function HomePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { user } = useAuth();
  const languages = useLoad(() => api.get<Language[]>('/api/languages'), []);
  const features = [
    { icon: <SafetyOutlined />, title: t('home.sandboxTitle'), text: t('home.sandboxText') },
    { icon: <ThunderboltOutlined />, title: t('home.streamTitle'), text: t('home.streamText') },
    { icon: <ApiOutlined />, title: t('home.apiTitle'), text: t('home.apiText') },
    { icon: <TeamOutlined />, title: t('home.communityTitle'), text: t('home.communityText') },
    { icon: <CodeOutlined />, title: t('home.libraryTitle'), text: t('home.libraryText') },
    { icon: <TranslationOutlined />, title: t('home.languagesTitle'), text: t('home.languagesText') },
  ];
  usePageTitle(undefined);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <div style={{ textAlign: 'center', padding: '32px 0 8px' }}>
        <Typography.Title>{t('home.title')}</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ fontSize: 16 }}>
          {t('home.subtitle')}
        </Typography.Paragraph>
        <Space wrap>
          <Button type="primary" size="large" icon={<CodeOutlined />} onClick={() => navigate('/editor')}>
            {t('home.tryIt')}
          </Button>
          {user === null ? (
            <Button size="large" onClick={() => navigate('/register')}>
              {t('home.createAccount')}
            </Button>
          ) : null}
        </Space>
      </div>
      <Card title={t('home.languagesHere')} loading={languages.loading}>
        <Space wrap data-testid="home-languages">
          {(languages.data ?? []).map((language) => (
            <Tag key={language.id} color="blue">
              {language.name} {language.version}
            </Tag>
          ))}
        </Space>
      </Card>
      <Row gutter={[16, 16]}>
        {features.map((feature) => (
          <Col xs={24} md={12} lg={8} key={feature.title}>
            <Card>
              <Card.Meta avatar={<span style={{ fontSize: 24 }}>{feature.icon}</span>} title={feature.title} description={feature.text} />
            </Card>
          </Col>
        ))}
      </Row>
    </Space>
  );
}
