import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  childPath,
  commandLines,
  createRequest,
  FieldError,
  formatPairs,
  isChanging,
  parentOf,
  parsePairs,
  previewOpenUrl,
  validPort,
} from './sandboxes';

describe('allowedActions', () => {
  it('follows what the server allows in each state', () => {
    expect(allowedActions('started')).toEqual(['stop', 'delete']);
    expect(allowedActions('stopped')).toEqual(['start', 'archive', 'delete']);
    expect(allowedActions('archived')).toEqual(['start', 'delete']);
    expect(allowedActions('error')).toEqual(['start', 'delete']);
    expect(allowedActions('starting')).toEqual([]);
    expect(allowedActions('destroyed')).toEqual([]);
  });

  it('knows which states change by themselves', () => {
    expect(isChanging('starting')).toBe(true);
    expect(isChanging('archiving')).toBe(true);
    expect(isChanging('started')).toBe(false);
  });
});

describe('parsePairs', () => {
  it('reads KEY=value lines, values may hold "="', () => {
    expect(parsePairs('A=1\n\n B = two \nURL=http://x/?a=b', 'env')).toEqual({ A: '1', B: 'two', URL: 'http://x/?a=b' });
  });

  it('names the line that is not a pair', () => {
    expect(() => parsePairs('A=1\njust words', 'labels')).toThrow(/line 2: "just words"/);
    expect(() => parsePairs('=value', 'env')).toThrow(FieldError);
  });

  it('writes pairs back as lines', () => {
    expect(formatPairs({ a: '1', b: '2' })).toBe('a=1\nb=2');
    expect(formatPairs(null)).toBe('');
  });
});

describe('createRequest', () => {
  it('leaves out what was not given, so that the server takes the tier defaults', () => {
    expect(createRequest({ language: 'python', name: '  ', cpu: null, env: '', labels: '', volumes: [{}] })).toEqual({ language: 'python' });
  });

  it('sends every field given, in the API shape', () => {
    expect(
      createRequest({
        language: 'javascript',
        name: ' box ',
        snapshot: 'snap',
        cpu: 0.5,
        memory_mb: 256,
        disk_mb: 512,
        network: false,
        auto_stop_minutes: 0,
        env: 'A=1',
        labels: 'team=web',
        volumes: [{ volume: 'data', mount_path: ' /data ', read_only: true }],
      }),
    ).toEqual({
      language: 'javascript',
      name: 'box',
      snapshot: 'snap',
      cpu: 0.5,
      memory_mb: 256,
      disk_mb: 512,
      network: false,
      auto_stop_minutes: 0,
      env: { A: '1' },
      labels: { team: 'web' },
      volumes: [{ volume: 'data', mount_path: '/data', read_only: true }],
    });
  });

  it('refuses a volume without a volume or an absolute mount path', () => {
    expect(() => createRequest({ language: 'python', volumes: [{ mount_path: '/data' }] })).toThrow(/pick a volume/);
    expect(() => createRequest({ language: 'python', volumes: [{ volume: 'v', mount_path: 'data' }] })).toThrow(/absolute/);
  });
});

describe('paths', () => {
  it('goes up to the root and no further', () => {
    expect(parentOf('/home/user/a')).toBe('/home/user');
    expect(parentOf('/home/')).toBe('/');
    expect(parentOf('/home')).toBe('/');
    expect(parentOf('/')).toBeNull();
  });

  it('joins a name into a folder and refuses one that leaves it', () => {
    expect(childPath('/home/user', 'a.txt')).toBe('/home/user/a.txt');
    expect(childPath('/', 'tmp')).toBe('/tmp');
    expect(() => childPath('/home/user', '..')).toThrow(FieldError);
    expect(() => childPath('/home/user', 'a/b')).toThrow(FieldError);
    expect(() => childPath('/home/user', ' ')).toThrow(FieldError);
  });
});

describe('commandLines and ports', () => {
  it('takes one command a line', () => {
    expect(commandLines('pip install x\n\n  echo done  \n')).toEqual(['pip install x', 'echo done']);
  });

  it('accepts only real port numbers', () => {
    expect(validPort('3000')).toBe(3000);
    expect(validPort(' 80 ')).toBe(80);
    expect(validPort('0')).toBeNull();
    expect(validPort('65536')).toBeNull();
    expect(validPort('3e3')).toBeNull();
    expect(validPort('')).toBeNull();
  });
});

describe('previewOpenUrl', () => {
  it('adds the token as a query parameter, before any fragment', () => {
    expect(previewOpenUrl('http://h/sandboxes/a/ports/3000/', 't/1')).toBe('http://h/sandboxes/a/ports/3000/?token=t%2F1');
    expect(previewOpenUrl('http://h/p?x=1#top', 't')).toBe('http://h/p?x=1&token=t#top');
  });
});
