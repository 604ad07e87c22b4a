import { describe, expect, it } from 'vitest';
import { aiConfigBody, needsBaseUrl } from './aiRequests';

describe('AI configuration requests', () => {
  it('leaves out blank fields and keeps numbers', () => {
    expect(aiConfigBody({ config_name: ' mine ', provider: 'openai', model_name: 'gpt-4o-mini', api_key: '', base_url: '  ', temperature: 0.2, max_tokens: null }))
      .toEqual({ config_name: 'mine', provider: 'openai', model_name: 'gpt-4o-mini', temperature: 0.2 });
  });

  it('asks for an address only where the provider has none', () => {
    expect(needsBaseUrl('ollama')).toBe(true);
    expect(needsBaseUrl('openai-compatible')).toBe(true);
    expect(needsBaseUrl('openai')).toBe(false);
  });
});
