import { describe, expect, it } from 'vitest';
import { environmentOptions, type AvailableEnvironments, type EnvironmentView } from './environmentChoices';

const env = (id: number, name: string, language: string, username = 'me'): EnvironmentView => ({
  id, name, username, language, description: null, version: '3', base: 'python-3', is_public: false, created_at: '',
});

describe('environmentOptions', () => {
  const available: AvailableEnvironments = {
    base_environments: [],
    user_environments: [env(1, 'science', 'python'), env(2, 'web', 'javascript')],
    public_environments: [env(3, 'science', 'python', 'ada')],
  };

  it('offers the own and public environments of the language, by id', () => {
    expect(environmentOptions(available, 'python')).toEqual([
      { value: '1', label: 'science' },
      { value: '3', label: 'ada/science' },
    ]);
    expect(environmentOptions(available, 'javascript')).toEqual([{ value: '2', label: 'web' }]);
  });

  it('offers nothing before the list or the language is known', () => {
    expect(environmentOptions(undefined, 'python')).toEqual([]);
    expect(environmentOptions(available, undefined)).toEqual([]);
    expect(environmentOptions(available, 'go')).toEqual([]);
  });
});
