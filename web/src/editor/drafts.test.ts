import { draftOf, DRAFTS_KEY, loadDrafts, rememberLanguage, saveDraft } from './drafts';

function memory(): Storage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
    key: () => null,
    length: 0,
  };
}

describe('drafts', () => {
  it('keeps one program per language and the last language', () => {
    const store = memory();
    saveDraft('python', 'print(1)', undefined, store);
    saveDraft('bash', 'echo 2', undefined, store);
    expect(draftOf('python', store)).toBe('print(1)');
    expect(draftOf('bash', store)).toBe('echo 2');
    expect(loadDrafts(store).language).toBe('bash');
  });

  it('does not keep an untouched template or an empty editor as a draft', () => {
    const store = memory();
    saveDraft('python', 'print(1)', undefined, store);
    saveDraft('python', 'print("Hello")\n', 'print("Hello")\n', store);
    expect(draftOf('python', store)).toBeUndefined();
    saveDraft('go', '   ', undefined, store);
    expect(draftOf('go', store)).toBeUndefined();
  });

  it('remembers a language without changing its draft', () => {
    const store = memory();
    saveDraft('python', 'print(1)', undefined, store);
    rememberLanguage('rust', store);
    expect(loadDrafts(store)).toEqual({ language: 'rust', code: { python: 'print(1)' } });
  });

  it('takes over the single draft of earlier versions and survives a broken entry', () => {
    const store = memory();
    store.setItem('coderunner.draft', JSON.stringify({ language: 'ruby', code: 'puts 1' }));
    expect(loadDrafts(store)).toEqual({ language: 'ruby', code: { ruby: 'puts 1' } });
    expect(store.getItem('coderunner.draft')).toBeNull();
    store.setItem(DRAFTS_KEY, '{not json');
    expect(loadDrafts(store)).toEqual({ code: {} });
  });
});
