import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation } from 'react-router-dom';
import { beforeEach, describe, expect, it } from 'vitest';
import { api } from './api/client';
import { App } from './App';
import { AuthProvider } from './auth/AuthContext';
import i18n, { changeLanguage, LANGUAGE_KEY } from './i18n';
import { ThemeProvider, THEME_KEY } from './theme/ThemeContext';

function Where() {
  const location = useLocation();
  return <output data-testid="where">{location.pathname + location.search}</output>;
}

function renderAt(path: string) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <ThemeProvider>
        <AuthProvider>
          <App />
          <Where />
        </AuthProvider>
      </ThemeProvider>
    </MemoryRouter>,
  );
}

// No server answers in these tests: every request fails, so the visitor is signed out.
describe('App', () => {
  beforeEach(() => {
    localStorage.clear();
    changeLanguage('en');
  });

  it('sends a signed-out visitor of a private page to sign in, with the way back', async () => {
    renderAt('/history?page=2');
    await waitFor(() => expect(screen.getByTestId('where')).toHaveTextContent('/login?next=%2Fhistory%3Fpage%3D2'));
    // The sign-in page's code comes after the redirect: it is loaded when first opened.
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
  });

  it('goes to sign in when the server ends the session', async () => {
    renderAt('/editor');
    await screen.findByText('Run');
    act(() => api.onSessionExpired());
    await waitFor(() => expect(screen.getByTestId('where')).toHaveTextContent('/login?next=%2Feditor'));
  });

  it('switches the language at once and remembers it', async () => {
    const user = userEvent.setup();
    renderAt('/login');
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    await user.click(screen.getByTestId('language-switch'));
    await user.click(await screen.findByText('简体中文'));
    expect(await screen.findByRole('heading', { name: '登录' })).toBeInTheDocument();
    expect(localStorage.getItem(LANGUAGE_KEY)).toBe('zh');
    expect(i18n.language).toBe('zh');
  });

  it('switches the theme and remembers it', async () => {
    const user = userEvent.setup();
    renderAt('/');
    const before = document.documentElement.dataset.theme;
    await user.click(screen.getByTestId('theme-switch'));
    const after = before === 'dark' ? 'light' : 'dark';
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe(after));
    expect(localStorage.getItem(THEME_KEY)).toBe(after);
  });
});
