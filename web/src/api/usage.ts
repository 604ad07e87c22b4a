/**
 * Today's use of the signed-in user against their tier (GET /user-stats), and a signal that it
 * changed: whatever spends a run, an API call or an AI request says so, and the counter in the
 * header asks again, so the count a user sees is the one the server will refuse at.
 */
export interface UserStats {
  level_name: string;
  today_executions: number;
  daily_executions_limit: number;
  remaining_executions: number;
  today_api_calls: number;
  daily_api_calls_limit: number;
  today_ai_requests: number;
  daily_ai_requests_limit: number;
  resets_at: string;
}

const CHANGED = 'coderunner:usage-changed';

export function announceUsageChange(): void {
  window.dispatchEvent(new Event(CHANGED));
}

export function onUsageChange(listener: () => void): () => void {
  window.addEventListener(CHANGED, listener);
  return () => window.removeEventListener(CHANGED, listener);
}

/** "3 / 10", or "3 / ∞" for a tier without a limit (-1). */
export function usedOf(used: number, limit: number): string {
  return `${used} / ${limit < 0 ? '∞' : limit}`;
}

/** Nearly used up: the last fifth of the quota, or none left. */
export function runningLow(used: number, limit: number): boolean {
  return limit >= 0 && used >= limit * 0.8;
}
