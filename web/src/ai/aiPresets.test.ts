import { AI_PROVIDERS, needsBaseUrl } from './aiRequests';
import { presetOf, PROVIDER_PRESETS } from './aiPresets';

describe('provider presets', () => {
  it('cover every provider the server offers', () => {
    expect(Object.keys(PROVIDER_PRESETS).sort()).toEqual([...AI_PROVIDERS].sort());
  });

  it('give an address exactly where the server has none of its own', () => {
    for (const provider of AI_PROVIDERS) {
      const preset = presetOf(provider)!;
      expect(preset.baseUrl === null).toBe(needsBaseUrl(provider));
      if (preset.baseUrl === null) {
        expect(preset.baseUrlExample).toMatch(/^https?:\/\//);
      }
    }
  });

  it('knows nothing of unknown providers', () => {
    expect(presetOf('cobol-ai')).toBeUndefined();
    expect(presetOf(undefined)).toBeUndefined();
  });
});
