import { useCallback } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from './AuthContext';

/** Where to come back to after signing in: the page the user was on. */
export function loginPath(location: { pathname: string; search: string }): string {
  return `/login?next=${encodeURIComponent(location.pathname + location.search)}`;
}

/**
 * For what a visitor may see but not do (like a post, comment, save a copy): true when someone is
 * signed in; else the visitor is sent to sign in, and brought back here afterwards.
 */
export function useSignedInOrAsk(): () => boolean {
  const { user } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  return useCallback(() => {
    if (user) {
      return true;
    }
    navigate(loginPath(location));
    return false;
  }, [user, navigate, location]);
}
