import { describe, expect, it } from 'vitest';
import { safeNext } from '../pages/LoginPage';
import { attachmentName } from '../pages/admin/DatabasePanel';
import { languageOfFile } from '../pages/workspaces/ProjectPage';
import { formatBytes, splitArgs } from './format';

describe('splitArgs', () => {
  it('splits on spaces and keeps quoted parts together', () => {
    expect(splitArgs('a  b "c d" \'e f\' g"h i"')).toEqual(['a', 'b', 'c d', 'e f', 'gh i']);
    expect(splitArgs('   ')).toEqual([]);
    expect(splitArgs('""')).toEqual(['']);
  });
});

describe('formatBytes', () => {
  it('picks a unit', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });
});

describe('safeNext', () => {
  it('follows only paths of this UI', () => {
    expect(safeNext('/library?x=1')).toBe('/library?x=1');
    expect(safeNext('//evil.example.com')).toBe('/editor');
    expect(safeNext('/\\evil.example.com')).toBe('/editor');
    expect(safeNext('https://evil.example.com')).toBe('/editor');
    expect(safeNext(null)).toBe('/editor');
  });
});

describe('attachmentName', () => {
  it('reads the file name of a download', () => {
    expect(attachmentName('attachment; filename="coderunner-2026.db"', 'x')).toBe('coderunner-2026.db');
    expect(attachmentName("attachment; filename*=UTF-8''a%20b.json", 'x')).toBe('a b.json');
    expect(attachmentName(null, 'fallback')).toBe('fallback');
  });
});

describe('languageOfFile', () => {
  it('knows the extensions of the server languages', () => {
    expect(languageOfFile('src/main.py')).toBe('python');
    expect(languageOfFile('a.RS')).toBe('rust');
    expect(languageOfFile('Makefile')).toBeUndefined();
  });
});
