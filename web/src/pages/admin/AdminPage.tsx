import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { DatabasePanel } from './DatabasePanel';
import { ExecutionsPanel } from './ExecutionsPanel';
import { LogsPanel } from './LogsPanel';
import { SettingsPanel } from './SettingsPanel';
import { UsersPanel } from './UsersPanel';
import { PageTitle } from '../../components/PageTitle';

/** Administration, one tab per section; the section is in the address (/admin/users, /admin/logs, ...). */
export function AdminPage() {
  const { t } = useTranslation();
  const { section = 'users' } = useParams();
  const navigate = useNavigate();
  return (
    <Card title={<PageTitle>{t('admin.title')}</PageTitle>}>
      <Tabs
        activeKey={section}
        onChange={(key) => navigate(`/admin/${key}`)}
        destroyInactiveTabPane
        items={[
          { key: 'users', label: t('admin.users'), children: <UsersPanel /> },
          { key: 'executions', label: t('admin.executions'), children: <ExecutionsPanel /> },
          { key: 'logs', label: t('admin.logs'), children: <LogsPanel /> },
          { key: 'database', label: t('admin.database'), children: <DatabasePanel /> },
          { key: 'settings', label: t('admin.settings'), children: <SettingsPanel /> },
        ]}
      />
    </Card>
  );
}
