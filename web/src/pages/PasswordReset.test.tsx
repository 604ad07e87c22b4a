import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import { AuthProvider } from '../auth/AuthContext';
import { changeLanguage } from '../i18n';
import { ThemeProvider } from '../theme/ThemeContext';

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

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** A server that answers the given paths and refuses everything else as signed out. */
function serve(answers: Record<string, (init?: RequestInit) => Response>) {
  const calls: { path: string; body?: unknown }[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const path = new URL(String(input), 'http://localhost').pathname;
    calls.push({ path, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    const answer = answers[path];
    return answer ? answer(init) : json(401, { code: 'authentication_required', detail: 'authentication required' });
  });
  return calls;
}

describe('password reset pages', () => {
  beforeEach(() => {
    localStorage.clear();
    changeLanguage('en');
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('offers "Forgot password?" on the sign-in page only when the server mails reset links', async () => {
    serve({ '/auth/options': () => json(200, { registration_open: true, password_reset_by_mail: true }) });
    const first = renderAt('/login');
    expect(await screen.findByRole('link', { name: 'Forgot password?' })).toHaveAttribute('href', '/forgot-password');
    first.unmount();
    vi.restoreAllMocks();

    serve({ '/auth/options': () => json(200, { registration_open: true, password_reset_by_mail: false }) });
    renderAt('/login');
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    await waitFor(() => expect(globalThis.fetch).toHaveBeenCalledWith(expect.stringContaining('/auth/options'), expect.anything()));
    expect(screen.queryByRole('link', { name: 'Forgot password?' })).not.toBeInTheDocument();
  });

  it('says the link is on its way without saying whether the account exists', async () => {
    const user = userEvent.setup();
    const calls = serve({ '/forgot-password': () => json(202, { message: 'sent if it exists' }) });
    renderAt('/forgot-password');
    expect(await screen.findByRole('heading', { name: 'Reset your password' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('E-mail'), 'ada@example.com');
    await user.click(screen.getByRole('button', { name: 'Send the link' }));
    expect(await screen.findByTestId('forgot-sent')).toHaveTextContent('If an account exists for that e-mail address');
    expect(calls.find((call) => call.path === '/forgot-password')?.body).toEqual({ email: 'ada@example.com' });
  });

  it('words a used link in the user language, with a way to ask for a new one', async () => {
    const user = userEvent.setup();
    changeLanguage('zh');
    serve({
      '/reset-password': () => json(400, { code: 'invalid_reset_token', detail: 'this password reset link is unknown, expired or already used' }),
    });
    renderAt('/reset-password?token=prt_used');
    expect(await screen.findByRole('heading', { name: '设置新密码' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('新密码'), 'a-new-Secret-77');
    await user.type(screen.getByLabelText('再次输入密码'), 'a-new-Secret-77');
    await user.click(screen.getByRole('button', { name: '设置密码' }));
    expect(await screen.findByTestId('problem')).toHaveTextContent('此链接无效、已过期或已被使用');
    expect(screen.getByRole('link', { name: '重新申请链接' })).toHaveAttribute('href', '/forgot-password');
  });

  it('sends the user to sign in with the new password once it is set', async () => {
    const user = userEvent.setup();
    const calls = serve({ '/reset-password': () => json(200, { message: 'password changed' }) });
    renderAt('/reset-password?token=prt_fresh');
    await user.type(await screen.findByLabelText('New password'), 'a-new-Secret-77');
    await user.type(screen.getByLabelText('Repeat the password'), 'a-new-Secret-77');
    await user.click(screen.getByRole('button', { name: 'Set the password' }));
    await waitFor(() => expect(screen.getByTestId('where')).toHaveTextContent('/login?reset=1'));
    expect(await screen.findByTestId('login-reset')).toHaveTextContent('Your password is changed');
    expect(calls.find((call) => call.path === '/reset-password')?.body).toEqual({ token: 'prt_fresh', new_password: 'a-new-Secret-77' });
  });
});
