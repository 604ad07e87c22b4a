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
