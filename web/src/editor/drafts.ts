/**
 * The editor's drafts: what was last written in each language, kept in the browser, so switching
 * language never loses a program and coming back finds it. The last language used is remembered
 * too, and a new visit opens it.
 */
export interface Drafts {
  language?: string;
  code: Record<string, string>;
}

export const DRAFTS_KEY = 'coderunner.drafts';
/** The one draft kept before there was one per language. */
const OLD_DRAFT_KEY = 'coderunner.draft';

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function loadDrafts(store: Store = localStorage): Drafts {
  const saved = store.getItem(DRAFTS_KEY);
  if (saved) {
    try {
      const drafts = JSON.parse(saved) as Drafts;
      if (drafts && typeof drafts.code === 'object' && drafts.code !== null) {
        return drafts;
      }
    } catch {
      // A draft that cannot be read is no draft.
    }
    store.removeItem(DRAFTS_KEY);
  }
  const old = store.getItem(OLD_DRAFT_KEY);
  if (old) {
    store.removeItem(OLD_DRAFT_KEY);
    try {
      const draft = JSON.parse(old) as { language?: unknown; code?: unknown };
      if (typeof draft.language === 'string' && typeof draft.code === 'string') {
        const drafts = { language: draft.language, code: { [draft.language]: draft.code } };
        store.setItem(DRAFTS_KEY, JSON.stringify(drafts));
        return drafts;
      }
    } catch {
      // as above
    }
  }
  return { code: {} };
}

/**
 * Keeps a language's program as its draft and that language as the last used. A program that is
 * only the language's template is no draft: the template may change, and nothing was written.
 */
export function saveDraft(language: string, code: string, template: string | undefined, store: Store = localStorage): void {
  const drafts = loadDrafts(store);
  drafts.language = language;
  if (code.trim() === '' || code === template) {
    delete drafts.code[language];
  } else {
    drafts.code[language] = code;
  }
  store.setItem(DRAFTS_KEY, JSON.stringify(drafts));
}

/** Remembers the language last used without touching any program (one opened from the library, say). */
export function rememberLanguage(language: string, store: Store = localStorage): void {
  const drafts = loadDrafts(store);
  drafts.language = language;
  store.setItem(DRAFTS_KEY, JSON.stringify(drafts));
}

export function draftOf(language: string, store: Store = localStorage): string | undefined {
  return loadDrafts(store).code[language];
}
