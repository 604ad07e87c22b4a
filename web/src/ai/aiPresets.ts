import type { AI_PROVIDERS } from './aiRequests';

type ProviderId = (typeof AI_PROVIDERS)[number];

/** What the configuration form suggests for each provider: its name, some of its models, where keys come from. */
export interface ProviderPreset {
  label: string;
  models: string[];
  /** Where the server sends requests unless another address is given; null: the user must give one. */
  baseUrl: string | null;
  /** An example address, for the providers that need one. */
  baseUrlExample?: string;
  keyRequired: boolean;
  keyUrl?: string;
}

export const PROVIDER_PRESETS: Record<ProviderId, ProviderPreset> = {
  openai: { label: 'OpenAI', models: ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-mini', 'o4-mini'], baseUrl: 'https://api.openai.com/v1',
    keyRequired: true, keyUrl: 'https://platform.openai.com/api-keys' },
  anthropic: { label: 'Anthropic Claude', models: ['claude-sonnet-4-5', 'claude-haiku-4-5', 'claude-opus-4-1'],
    baseUrl: 'https://api.anthropic.com/v1', keyRequired: true, keyUrl: 'https://console.anthropic.com/settings/keys' },
  gemini: { label: 'Google Gemini', models: ['gemini-2.5-flash', 'gemini-2.5-pro', 'gemini-2.0-flash'],
    baseUrl: 'https://generativelanguage.googleapis.com', keyRequired: true, keyUrl: 'https://aistudio.google.com/apikey' },
  deepseek: { label: 'DeepSeek', models: ['deepseek-chat', 'deepseek-reasoner'], baseUrl: 'https://api.deepseek.com/v1',
    keyRequired: true, keyUrl: 'https://platform.deepseek.com/api_keys' },
  qwen: { label: '通义千问 Qwen', models: ['qwen-plus', 'qwen-turbo', 'qwen-max', 'qwen2.5-coder-32b-instruct'],
    baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1', keyRequired: true, keyUrl: 'https://dashscope.console.aliyun.com/apiKey' },
  groq: { label: 'Groq', models: ['llama-3.3-70b-versatile', 'llama-3.1-8b-instant'], baseUrl: 'https://api.groq.com/openai/v1',
    keyRequired: true, keyUrl: 'https://console.groq.com/keys' },
  'openai-compatible': { label: 'OpenAI-compatible (OpenRouter, vLLM, LM Studio…)', models: [], baseUrl: null,
    baseUrlExample: 'https://openrouter.ai/api/v1', keyRequired: false },
  ollama: { label: 'Ollama (your own machine)', models: ['llama3.2', 'qwen2.5-coder', 'deepseek-coder-v2'], baseUrl: null,
    baseUrlExample: 'http://localhost:11434', keyRequired: false },
};

export function presetOf(provider: string | undefined): ProviderPreset | undefined {
  return provider && provider in PROVIDER_PRESETS ? PROVIDER_PRESETS[provider as ProviderId] : undefined;
}
