import { App as AntApp, ConfigProvider, Spin, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { api } from './api/client';
import { useAuth } from './auth/AuthContext';
import { AppShell } from './layout/AppShell';
import { AdminPage } from './pages/admin/AdminPage';
import { ApiKeysPage } from './pages/ApiKeysPage';
import { CommunityPage } from './pages/community/CommunityPage';
import { PostPage } from './pages/community/PostPage';
import { EditorPage } from './pages/EditorPage';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { HistoryPage } from './pages/HistoryPage';
import { HomePage } from './pages/HomePage';
import { LibraryPage } from './pages/LibraryPage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ProfilePage } from './pages/ProfilePage';
import { RegisterPage } from './pages/RegisterPage';
import { ResetPasswordPage } from './pages/ResetPasswordPage';
import { UserPage } from './pages/community/UserPage';
import { WorkspacesPage } from './pages/workspaces/WorkspacesPage';
import { ProjectPage } from './pages/workspaces/ProjectPage';
import { AiConfigsPage } from './pages/AiConfigsPage';
import { EnvironmentsPage } from './pages/EnvironmentsPage';
import { TerminalsPage } from './pages/TerminalsPage';
import { useThemeMode } from './theme/ThemeContext';

/** Where to come back to after signing in: the page the user was on. */
export function loginPath(location: { pathname: string; search: string }): string {
  return `/login?next=${encodeURIComponent(location.pathname + location.search)}`;
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
      theme={{ algorithm: mode === 'dark' ? theme.darkAlgorithm : theme.defaultAlgorithm }}
    >
      <AntApp>
        <SessionExpiry />
        <AppShell>
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
            <Route path="/community" element={<RequireUser><CommunityPage /></RequireUser>} />
            <Route path="/community/posts/:id" element={<RequireUser><PostPage /></RequireUser>} />
            <Route path="/users/:username" element={<RequireUser><UserPage /></RequireUser>} />
            <Route path="/profile" element={<RequireUser><ProfilePage /></RequireUser>} />
            <Route path="/workspaces" element={<RequireUser><WorkspacesPage /></RequireUser>} />
            <Route path="/workspaces/:id" element={<RequireUser><ProjectPage /></RequireUser>} />
            <Route path="/ai-configs" element={<RequireUser><AiConfigsPage /></RequireUser>} />
            <Route path="/environments" element={<RequireUser><EnvironmentsPage /></RequireUser>} />
            <Route path="/terminals" element={<RequireUser><TerminalsPage /></RequireUser>} />
            <Route path="/admin/:section?" element={<RequireUser admin><AdminPage /></RequireUser>} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </AppShell>
      </AntApp>
    </ConfigProvider>
  );
}
