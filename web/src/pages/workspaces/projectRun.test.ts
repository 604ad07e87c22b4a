import { describe, expect, it } from 'vitest';
import { newFilePath, runLanguageOfFile, runsInPlace } from './projectRun';

describe('project runs', () => {
  it('knows the languages it runs by extension', () => {
    expect(runLanguageOfFile('hello.py')).toBe('python');
    expect(runLanguageOfFile('Main.JAVA')).toBe('java');
    expect(runLanguageOfFile('run.sh')).toBe('bash');
    expect(runLanguageOfFile('lib.rs')).toBe('rust');
    expect(runLanguageOfFile('page.html')).toBeUndefined();
    expect(runLanguageOfFile('Makefile')).toBeUndefined();
  });

  it('runs files of the top folder only', () => {
    expect(runsInPlace('hello.py')).toBe(true);
    expect(runsInPlace('src/hello.py')).toBe(false);
  });

  it('puts a new file into the folder shown', () => {
    expect(newFilePath('', ' hello.py ')).toBe('hello.py');
    expect(newFilePath('src', 'a.py')).toBe('src/a.py');
    expect(newFilePath('src', '/b.py')).toBe('src/b.py');
  });
});
