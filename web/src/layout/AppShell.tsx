import {
  AppstoreOutlined,
  CloudServerOutlined,
  DesktopOutlined,
  RobotOutlined,
  ApiOutlined,
  BookOutlined,
  CodeOutlined,
  CompassOutlined,
  FolderOutlined,
  HistoryOutlined,
  LogoutOutlined,
  MenuOutlined,
  MoonOutlined,
  SettingOutlined,
  SunOutlined,
  TeamOutlined,
  TranslationOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, ConfigProvider, Drawer, Dropdown, Grid, Layout, Menu, Space, Tooltip, type MenuProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { changeLanguage, LANGUAGES, type UiLanguage } from '../i18n';
import { useThemeMode } from '../theme/ThemeContext';
import { NotificationBell } from './NotificationBell';
import { UsageCounter } from './UsageCounter';

/** The frame of every page: navigation, language and theme switches, the user's menu. */
export function AppShell({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { user, logout } = useAuth();
  const { mode, toggle } = useThemeMode();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.lg;
  // Below a wide screen the bar's switches show icons only, so that every page's link fits beside them.
  const compact = !screens.xxl;
  const [drawerOpen, setDrawerOpen] = useState(false);

  const items: { key: string; icon: ReactNode; label: ReactNode }[] = [
    { key: '/editor', icon: <CodeOutlined />, label: <Link to="/editor">{t('nav.editor')}</Link> },
    { key: '/explore', icon: <CompassOutlined />, label: <Link to="/explore">{t('nav.explore')}</Link> },
    ...(user
      ? [
          { key: '/library', icon: <BookOutlined />, label: <Link to="/library">{t('nav.library')}</Link> },
          { key: '/history', icon: <HistoryOutlined />, label: <Link to="/history">{t('nav.history')}</Link> },
          { key: '/workspaces', icon: <FolderOutlined />, label: <Link to="/workspaces">{t('nav.workspaces')}</Link> },
          { key: '/terminals', icon: <DesktopOutlined />, label: <Link to="/terminals">{t('nav.terminals')}</Link> },
          { key: '/sandboxes', icon: <CloudServerOutlined />, label: <Link to="/sandboxes">{t('nav.sandboxes')}</Link> },
        ]
      : []),
    { key: '/community', icon: <TeamOutlined />, label: <Link to="/community">{t('nav.community')}</Link> },
  ];
  // The account's settings sit in its menu, as on GitHub: the bar keeps room for daily pages at any desktop width.
  const settings = [
    { key: '/ai-configs', icon: <RobotOutlined />, label: t('nav.ai') },
    { key: '/environments', icon: <AppstoreOutlined />, label: t('nav.environments') },
    { key: '/api-keys', icon: <ApiOutlined />, label: t('nav.apiKeys') },
    ...(user?.is_admin ? [{ key: '/admin/users', icon: <SettingOutlined />, label: t('nav.admin') }] : []),
  ];
  const section = '/' + (location.pathname.split('/')[1] ?? '');
  // Snapshots and volumes belong to the sandboxes' entry: the bar has room for one, not three.
  const selected = section === '/snapshots' || section === '/volumes' ? '/sandboxes' : section;

  const userMenu: MenuProps['items'] = [
    ...(user ? [{ key: 'who', label: t('nav.signedInAs', { name: user.username }), disabled: true }, { type: 'divider' as const }] : []),
    { key: 'profile', icon: <UserOutlined />, label: t('nav.profile'), onClick: () => navigate('/profile') },
    ...settings.map((item) => ({ ...item, onClick: () => navigate(item.key) })),
    { type: 'divider' as const },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      label: t('nav.logout'),
      onClick: async () => {
        await logout();
        navigate('/');
      },
    },
  ];
  const languageMenu: MenuProps['items'] = LANGUAGES.map((language) => ({
    key: language.code,
    label: language.label,
    onClick: () => changeLanguage(language.code as UiLanguage),
  }));

  const switches = (
    <Space size="small">
      <Dropdown menu={{ items: languageMenu, selectedKeys: [i18n.language] }} trigger={['click']}>
        <Button type="text" icon={<TranslationOutlined />} aria-label={t('nav.language')} data-testid="language-switch">
          {compact ? null : LANGUAGES.find((l) => l.code === i18n.language)?.label}
        </Button>
      </Dropdown>
      <Tooltip title={mode === 'dark' ? t('nav.lightTheme') : t('nav.darkTheme')}>
        <Button
          type="text"
          icon={mode === 'dark' ? <SunOutlined /> : <MoonOutlined />}
          onClick={toggle}
          aria-label={t('nav.theme')}
          data-testid="theme-switch"
        />
      </Tooltip>
      {user ? <UsageCounter compact={compact} /> : null}
      {user ? <NotificationBell /> : null}
      {user ? (
        <Dropdown menu={{ items: userMenu }} trigger={['click']}>
          <Button type="text" icon={<UserOutlined />} data-testid="user-menu" aria-label={t('nav.account', { name: user.username })}>
            {compact ? null : <span className="header-username">{user.username}</span>}
          </Button>
        </Dropdown>
      ) : user === null ? (
        <Space size="small">
          <Button type="primary" onClick={() => navigate('/login')}>
            {t('nav.login')}
          </Button>
          {narrow ? null : <Button onClick={() => navigate('/register')}>{t('nav.register')}</Button>}
        </Space>
      ) : null}
    </Space>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          padding: narrow ? '0 12px' : '0 24px',
          background: mode === 'dark' ? '#141414' : '#fff',
          borderBottom: `1px solid ${mode === 'dark' ? '#303030' : '#f0f0f0'}`,
        }}
      >
        {narrow ? (
          <Button
            type="text"
            icon={<MenuOutlined />}
            onClick={() => setDrawerOpen(true)}
            aria-label={t('nav.menu')}
            data-testid="nav-toggle"
          />
        ) : null}
        <Link to="/" className="logo">
          CodeRunner
        </Link>
        {narrow ? (
          <div style={{ flex: 1 }} />
        ) : (
          <ConfigProvider theme={{ components: { Menu: { itemPaddingInline: 14 } } }}>
            <Menu mode="horizontal" selectedKeys={[selected]} items={compact ? items.map((item) => ({ ...item, icon: undefined })) : items} style={{ flex: 1, minWidth: 0, borderBottom: 'none' }} />
          </ConfigProvider>
        )}
        {switches}
      </Layout.Header>
      <Drawer placement="left" open={drawerOpen} onClose={() => setDrawerOpen(false)} width={260} title="CodeRunner">
        <Menu
          mode="inline"
          selectedKeys={[selected]}
          items={user ? [...items, { type: 'divider' }, ...settings.map((item) => ({ ...item, label: <Link to={item.key}>{item.label}</Link> }))] : items}
          onClick={() => setDrawerOpen(false)}
        />
      </Drawer>
      <Layout.Content>
        <div className="app-content">{children}</div>
      </Layout.Content>
    </Layout>
  );
}
