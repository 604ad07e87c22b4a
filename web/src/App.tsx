import { App as AntApp, ConfigProvider, Spin, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useEffect, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { api } from './api/client';
import { useAuth } from './auth/AuthContext';
import { loginPath } from './auth/signIn';
import { AppShell } from './layout/AppShell';
import { EditorPage } from './pages/EditorPage';
import { HomePage } from './pages/HomePage';
import { useThemeMode } from './theme/ThemeContext';

/**
 * A page whose code is fetched the first time it is opened. The editor and the home page are in the
 * first download (they are where visitors land); every other page, and what only it uses (charts,
 * the terminal), is a file of its own, so a slow link brings the editor up sooner.
 */
function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}

const AdminPage = lazyPage(() => import('./pages/admin/AdminPage'), 'AdminPage');
const ApiKeysPage = lazyPage(() => import('./pages/ApiKeysPage'), 'ApiKeysPage');
const CommunityPage = lazyPage(() => import('./pages/community/CommunityPage'), 'CommunityPage');
const PostPage = lazyPage(() => import('./pages/community/PostPage'), 'PostPage');
const HistoryPage = lazyPage(() => import('./pages/HistoryPage'), 'HistoryPage');
const LibraryPage = lazyPage(() => import('./pages/LibraryPage'), 'LibraryPage');
const LoginPage = lazyPage(() => import('./pages/LoginPage'), 'LoginPage');
const ForgotPasswordPage = lazyPage(() => import('./pages/ForgotPasswordPage'), 'ForgotPasswordPage');
const ResetPasswordPage = lazyPage(() => import('./pages/ResetPasswordPage'), 'ResetPasswordPage');
const NotFoundPage = lazyPage(() => import('./pages/NotFoundPage'), 'NotFoundPage');
const ProfilePage = lazyPage(() => import('./pages/ProfilePage'), 'ProfilePage');
const RegisterPage = lazyPage(() => import('./pages/RegisterPage'), 'RegisterPage');
const UserPage = lazyPage(() => import('./pages/community/UserPage'), 'UserPage');
const WorkspacesPage = lazyPage(() => import('./pages/workspaces/WorkspacesPage'), 'WorkspacesPage');
const ProjectPage = lazyPage(() => import('./pages/workspaces/ProjectPage'), 'ProjectPage');
const AiConfigsPage = lazyPage(() => import('./pages/AiConfigsPage'), 'AiConfigsPage');
const EnvironmentsPage = lazyPage(() => import('./pages/EnvironmentsPage'), 'EnvironmentsPage');
const TerminalsPage = lazyPage(() => import('./pages/TerminalsPage'), 'TerminalsPage');
const SandboxesPage = lazyPage(() => import('./pages/sandboxes/SandboxesPage'), 'SandboxesPage');
const SandboxDetailPage = lazyPage(() => import('./pages/sandboxes/SandboxDetailPage'), 'SandboxDetailPage');
const SnapshotsPage = lazyPage(() => import('./pages/sandboxes/SnapshotsPage'), 'SnapshotsPage');
const VolumesPage = lazyPage(() => import('./pages/sandboxes/VolumesPage'), 'VolumesPage');
const ExplorePage = lazyPage(() => import('./pages/explore/ExplorePage'), 'ExplorePage');
const SharedTerminalPage = lazyPage(() => import('./pages/shared/SharedTerminalPage'), 'SharedTerminalPage');

/** What shows while a page's code is on its way. */
function PageLoading() {
  return <Spin data-testid="page-loading" style={{ display: 'block', margin: '64px auto' }} />;
}

function RequireUser({ admin, children }: { admin?: boolean; children: ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  if (user === undefined) {
    return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  }
  if (user === null) {
    return <Navigate to={loginPath(location)} replace />;
  }
  if (admin && !user.is_admin) {
    return <NotFoundPage />;
  }
  return <>{children}</>;
}

/** Sends the user to sign in, and back here afterwards, when the server says the session is over. */
function SessionExpiry() {
  const navigate = useNavigate();
  const location = useLocation();
  const { forget } = useAuth();
  useEffect(() => {
    api.onSessionExpired = () => {
      forget();
      if (location.pathname !== '/login') {
        navigate(loginPath(location), { replace: true });
      }
    };
  }, [navigate, location, forget]);
  return null;
}

export function App() {
  const { mode } = useThemeMode();
  const { i18n } = useTranslation();
  return (
    <ConfigProvider
      locale={i18n.language === 'zh' ? zhCN : enUS}
      theme={{
        algorithm: mode === 'dark' ? theme.darkAlgorithm : theme.defaultAlgorithm,
        // Ant Design's default blue and grey text fall short of WCAG AA contrast (4.5:1) on white; these pass.
        token:
          mode === 'dark'
            ? {}
            : { colorPrimary: '#0958d9', colorLink: '#0958d9', colorInfo: '#0958d9', colorError: '#cf1322',
                colorTextSecondary: 'rgba(0, 0, 0, 0.62)', colorTextDescription: 'rgba(0, 0, 0, 0.62)' },
      }}
    >
      <AntApp>
        <SessionExpiry />
        <AppShell>
          <Suspense fallback={<PageLoading />}>
          <Routes>
            <Route path="/" element={<HomePage />} />
            <Route path="/login" element={<LoginPage />} />
            <Route path="/register" element={<RegisterPage />} />
            <Route path="/forgot-password" element={<ForgotPasswordPage />} />
            <Route path="/reset-password" element={<ResetPasswordPage />} />
            <Route path="/editor" element={<EditorPage />} />
            <Route path="/history" element={<RequireUser><HistoryPage /></RequireUser>} />
            <Route path="/library" element={<RequireUser><LibraryPage /></RequireUser>} />
            <Route path="/api-keys" element={<RequireUser><ApiKeysPage /></RequireUser>} />
            <Route path="/community" element={<CommunityPage />} />
            <Route path="/community/posts/:id" element={<PostPage />} />
            <Route path="/users/:username" element={<UserPage />} />
            <Route path="/explore" element={<ExplorePage />} />
            <Route path="/code/:id" element={<EditorPage shared />} />
            <Route path="/shared/terminal/:token" element={<SharedTerminalPage />} />
            <Route path="/profile" element={<RequireUser><ProfilePage /></RequireUser>} />
            <Route path="/workspaces" element={<RequireUser><WorkspacesPage /></RequireUser>} />
            <Route path="/workspaces/:id" element={<RequireUser><ProjectPage /></RequireUser>} />
            <Route path="/ai-configs" element={<RequireUser><AiConfigsPage /></RequireUser>} />
            <Route path="/environments" element={<RequireUser><EnvironmentsPage /></RequireUser>} />
            <Route path="/terminals" element={<RequireUser><TerminalsPage /></RequireUser>} />
            <Route path="/sandboxes" element={<RequireUser><SandboxesPage /></RequireUser>} />
            <Route path="/sandboxes/:id" element={<RequireUser><SandboxDetailPage /></RequireUser>} />
            <Route path="/snapshots" element={<RequireUser><SnapshotsPage /></RequireUser>} />
            <Route path="/volumes" element={<RequireUser><VolumesPage /></RequireUser>} />
            <Route path="/admin/:section?" element={<RequireUser admin><AdminPage /></RequireUser>} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
          </Suspense>
        </AppShell>
      </AntApp>
    </ConfigProvider>
  );
}
