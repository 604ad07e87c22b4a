import { useEffect, useState } from 'react';
import { api } from '../api/client';

const CHANGED = 'coderunner:ai-configs-changed';
// One quick question per user and page load (it tries no provider), shared by every AI button.
const answers = new Map<number, Promise<boolean>>();

function configured(userId: number): Promise<boolean> {
  let answer = answers.get(userId);
  if (!answer) {
    answer = api
      .get<{ configured: boolean }>('/api/ai/status', { connect: false })
      // When the server cannot say, the buttons stay: a request will tell what is wrong.
      .then((status) => status.configured, () => true);
    answers.set(userId, answer);
  }
  return answer;
}

/** After a configuration is added or deleted: the buttons ask again. */
export function announceAiConfigsChanged(): void {
  answers.clear();
  window.dispatchEvent(new Event(CHANGED));
}

/** Whether the signed-in user has any AI provider (their own or the server's); undefined while unknown. */
export function useAiConfigured(userId: number | undefined): boolean | undefined {
  const [ready, setReady] = useState<boolean>();
  useEffect(() => {
    if (userId === undefined) {
      setReady(undefined);
      return undefined;
    }
    let current = true;
    const ask = () => void configured(userId).then((answer) => current && setReady(answer));
    ask();
    window.addEventListener(CHANGED, ask);
    return () => {
      current = false;
      window.removeEventListener(CHANGED, ask);
    };
  }, [userId]);
  return ready;
}
