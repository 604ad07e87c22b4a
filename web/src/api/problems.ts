import type { TFunction } from 'i18next';
import i18n from '../i18n';
import { ApiError } from './client';

/**
 * What went wrong, in the user's language. The server's problem details carry a machine-readable
 * `code` beside `detail` (docs/API.md, "Errors"); a code the UI has words for (`problems.<code>` in
 * the catalogues) is said in those words, with the problem's other fields (limit, resets_at, …)
 * available to the message; any other problem is shown by its `detail`, which names the cause.
 */

/** A problem's fields: the body of an HTTP problem, or the run WebSocket's `error` message itself. */
function fieldsOf(error: unknown): Record<string, unknown> {
  if (error instanceof ApiError) {
    return error.body && typeof error.body === 'object' ? (error.body as Record<string, unknown>) : {};
  }
  return isProblem(error) ? error : {};
}

function isProblem(error: unknown): error is Record<string, unknown> {
  return !!error && typeof error === 'object' && !(error instanceof Error) && typeof (error as { detail?: unknown }).detail === 'string';
}

export function problemCode(error: unknown): string | undefined {
  const code = fieldsOf(error).code;
  return typeof code === 'string' ? code : undefined;
}

/** The words' key of a code: a quota of terminals at once is worded apart from the daily quotas. */
function keyOf(code: string, fields: Record<string, unknown>): string {
  if (code === 'quota_exhausted' && fields.quota === 'terminal_sessions') {
    return 'problems.terminal_sessions_exhausted';
  }
  if (code === 'sandbox_limit' && fields.limit === 'network') {
    return 'problems.sandbox_limit_network';
  }
  return `problems.${code}`;
}

export function problemMessage(t: TFunction, error: unknown): string {
  const code = problemCode(error);
  if (code) {
    const fields = fieldsOf(error);
    const resetsAt = typeof fields.resets_at === 'string' ? new Date(fields.resets_at) : null;
    const translated = t(keyOf(code, fields), {
      ...fields,
      quotaName: typeof fields.quota === 'string' ? t(`problems.quotas.${fields.quota}`, { defaultValue: fields.quota }) : '',
      stateName: typeof fields.state === 'string' ? t(`sandboxes.states.${fields.state}`, { defaultValue: fields.state }) : '',
      limitName: typeof fields.limit === 'string' ? t(`problems.limits.${fields.limit}`, { defaultValue: fields.limit }) : '',
      resetsAt: resetsAt && !isNaN(resetsAt.getTime())
        ? resetsAt.toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })
        : '',
      defaultValue: '',
    });
    if (translated) {
      return translated;
    }
  }
  if (isProblem(error)) {
    return error.detail as string;
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
