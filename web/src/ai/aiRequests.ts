/** Request bodies of the AI endpoints, in the server's field names. */

export const AI_PROVIDERS = ['openai', 'anthropic', 'gemini', 'deepseek', 'qwen', 'groq', 'openai-compatible', 'ollama'] as const;

/** Providers the server calls only at an address the user gives. */
export function needsBaseUrl(provider: string | undefined): boolean {
  return provider === 'openai-compatible' || provider === 'ollama';
}

export interface AiConfigForm {
  config_name?: string;
  provider?: string;
  model_name?: string;
  api_key?: string;
  base_url?: string;
  temperature?: number | null;
  max_tokens?: number | null;
}

/** A new configuration: blank text fields and empty numbers are left out, so the server's defaults apply. */
export function aiConfigBody(form: AiConfigForm): Record<string, string | number> {
  const body: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(form)) {
    if (typeof value === 'string' && value.trim() !== '') {
      body[key] = value.trim();
    } else if (typeof value === 'number' && Number.isFinite(value)) {
      body[key] = value;
    }
  }
  return body;
}

export type AssistAction = 'fix_error' | 'explain_error' | 'explain_code' | 'optimize_code';

/** The answer of /ai/generate-code and /api/ai/assist (the fields the editor shows). */
export interface AiAnswer {
  code: string | null;
  explanation: string | null;
  provider_name?: string | null;
  model?: string | null;
}

export function generateBody(prompt: string, language: string, code: string): Record<string, string> {
  const body: Record<string, string> = { prompt: prompt.trim(), language };
  if (code.trim() !== '') {
    body.code = code;
  }
  return body;
}

/** The body of /api/ai/assist; the error output goes along only when there is one (explain_code and optimize_code need none). */
export function assistBody(action: AssistAction, language: string, code: string, error = ''): Record<string, string> {
  const body: Record<string, string> = { action, language, code };
  if (error.trim() !== '') {
    body.error = error;
  }
  return body;
}

interface RunOutcome {
  output: { stream: string; text: string }[];
  result: { status: string; exit_code: number | null; reason: string | null; compile_output: string | null } | null;
  error: string | null;
  problem?: Record<string, unknown> | null;
}

/**
 * The error output of a finished run that failed, for Fix and Explain: compiler output, what the
 * program wrote to stderr, and the server's reason; null when the run succeeded or is not over,
 * and for a run the server refused (a used-up quota is nothing a changed program can fix).
 */
export function errorOutputOf(run: RunOutcome): string | null {
  if (run.problem) {
    return null;
  }
  const failed = run.error !== null || (run.result !== null && (run.result.status !== 'OK' || (run.result.exit_code ?? 0) !== 0));
  if (!failed) {
    return null;
  }
  const parts = [
    run.result?.compile_output ?? '',
    run.output.filter((c) => c.stream === 'stderr' || c.stream === 'compile').map((c) => c.text).join(''),
    run.result?.reason ?? '',
    run.error ?? '',
  ].filter((p) => p.trim() !== '');
  const text = parts.join('\n').trim();
  return text === '' ? (run.result?.status ?? 'error') : text;
}
