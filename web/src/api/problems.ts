import type { TFunction } from 'i18next';
import { ApiError } from './client';

/**
 * What went wrong, in the user's language. The server's problem details carry a machine-readable
 * `code` beside `detail` (docs/API.md, "Errors"); a code the UI has words for (`problems.<code>` in
 * the catalogues) is said in those words, with the problem's other fields (limit, resets_at, …)
 * available to the message; any other problem is shown by its `detail`, which names the cause.
 */
export function problemCode(error: unknown): string | undefined {
  if (error instanceof ApiError && error.body && typeof error.body === 'object') {
    const code = (error.body as Record<string, unknown>).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

export function problemMessage(t: TFunction, error: unknown): string {
  const code = problemCode(error);
  if (code) {
    const key = `problems.${code}`;
    const fields = error instanceof ApiError && error.body && typeof error.body === 'object' ? (error.body as Record<string, unknown>) : {};
    const translated = t(key, { ...fields, defaultValue: '' });
    if (translated) {
      return translated;
    }
  }
  if (error instanceof ApiError) {
    return error.status >= 500 ? t('problems.internal_error') : error.message;
  }
  if (error instanceof TypeError) {
    // fetch rejects with a TypeError when the server cannot be reached at all.
    return t('problems.unreachable');
  }
  return error instanceof Error ? error.message : String(error);
}
