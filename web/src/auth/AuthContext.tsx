import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError } from '../api/client';
import type { User } from '../api/types';

interface AuthState {
  /** undefined while the first /users/me is on its way. */
  user: User | null | undefined;
  login: (username: string, password: string) => Promise<User>;
  register: (fields: { username: string; email: string; password: string; full_name?: string }) => Promise<void>;
  logout: () => Promise<void>;
  reload: () => Promise<void>;
  /** The session ended on the server (a 401 a refresh could not cure). */
  forget: () => void;
}

const AuthContext = createContext<AuthState | null>(null);

/** The signed-in user, as the session cookie says; the page never holds a token. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);

  const reload = useCallback(async () => {
    try {
      // A visitor without a session is simply signed out: no trip to the login page.
      setUser(await api.request<User>('/users/me', { silent: true }));
    } catch (error) {
      if (!(error instanceof ApiError)) {
        console.warn('could not load the signed-in user', error);
      }
      setUser(null);
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  const login = useCallback(async (username: string, password: string) => {
    const answer = await api.request<{ user: User }>('/login', {
      method: 'POST',
      body: { username, password },
      noRefresh: true,
    });
    setUser(answer.user);
    return answer.user;
  }, []);

  const register = useCallback(
    async (fields: { username: string; email: string; password: string; full_name?: string }) => {
      await api.request<User>('/register', { method: 'POST', body: fields, noRefresh: true });
    },
    [],
  );

  const forget = useCallback(() => setUser(null), []);

  const logout = useCallback(async () => {
    try {
      await api.request('/logout', { method: 'POST', noRefresh: true });
    } finally {
      setUser(null);
    }
  }, []);

  const value = useMemo(
    () => ({ user, login, register, logout, reload, forget }),
    [user, login, register, logout, reload, forget],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) {
    throw new Error('useAuth outside AuthProvider');
  }
  return state;
}
