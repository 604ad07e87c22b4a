import { api } from './client';
import { useLoad } from './useLoad';

/** What the sign-in pages may offer on this server (GET /auth/options). */
export interface AuthOptions {
  registration_open: boolean;
  password_reset_by_mail: boolean;
}

/** The server's sign-in options; undefined while loading or when the server cannot say (nothing extra is offered then). */
export function useAuthOptions(): AuthOptions | undefined {
  return useLoad(() => api.get<AuthOptions>('/auth/options'), []).data;
}
