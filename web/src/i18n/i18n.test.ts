import { describe, expect, it } from 'vitest';
import { en } from './en';
import { initialLanguage } from './index';
import { zh } from './zh';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') {
      entries.set(path, value);
    } else {
      flatten(value, path).forEach((v, k) => entries.set(k, v));
    }
  }
  return entries;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  const english = flatten(en);
  const chinese = flatten(zh as Tree);

  it('have the same keys in English and Chinese', () => {
    expect([...chinese.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('have no empty message', () => {
    for (const [key, value] of [...english, ...chinese]) {
      expect(value.trim(), key).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const [key, value] of english) {
      expect(placeholders(chinese.get(key) ?? ''), key).toEqual(placeholders(value));
    }
  });

  it('are translated: most Chinese messages differ from the English ones', () => {
    const same = [...english].filter(([key, value]) => chinese.get(key) === value).map(([key]) => key);
    // Names and formats such as "API" or "{{value}}" may stay as they are.
    expect(same.length).toBeLessThan(english.size / 20);
  });
});

describe('initialLanguage', () => {
  it('takes the stored choice first, then the browser language', () => {
    expect(initialLanguage('en', ['zh-CN'])).toBe('en');
    expect(initialLanguage('zh', ['en-US'])).toBe('zh');
    expect(initialLanguage(null, ['zh-TW', 'en'])).toBe('zh');
    expect(initialLanguage(null, ['de-DE', 'en'])).toBe('en');
    expect(initialLanguage('fr', [])).toBe('en');
  });
});
