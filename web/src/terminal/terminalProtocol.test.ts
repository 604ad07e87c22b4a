import { describe, expect, it } from 'vitest';
import { inputMessage, parseServerMessage, resizeMessage, sandboxPtyUrl, shareUrl, terminalSocketUrl } from './terminalProtocol';

describe('terminal protocol', () => {
  it('reads each server message', () => {
    expect(parseServerMessage('{"type":"connected","session_id":"a"}')).toEqual({ kind: 'connected' });
    expect(parseServerMessage('{"type":"output","data":"42\\r\\n"}')).toEqual({ kind: 'output', data: '42\r\n' });
    expect(parseServerMessage('{"type":"exit","reason":"deleted"}')).toEqual({ kind: 'exit', reason: 'deleted' });
    expect(parseServerMessage('{"type":"error","message":"bad"}')).toEqual({ kind: 'error', message: 'bad' });
    expect(parseServerMessage('{"type":"pong"}')).toEqual({ kind: 'ignored' });
  });

  it('reads a sandbox terminal\'s exit code and problem detail', () => {
    expect(parseServerMessage('{"type":"exit","exit_code":0}')).toEqual({ kind: 'exit', reason: 'exit 0' });
    expect(parseServerMessage('{"type":"error","detail":"resize needs whole numbers"}')).toEqual({ kind: 'error', message: 'resize needs whole numbers' });
  });

  it('reports a message that is not JSON as an error', () => {
    expect(parseServerMessage('not json').kind).toBe('error');
  });

  it('builds input and resize messages', () => {
    expect(JSON.parse(inputMessage('ls\r'))).toEqual({ type: 'input', data: 'ls\r' });
    expect(JSON.parse(resizeMessage(80.7, 24)!)).toEqual({ type: 'resize', cols: 80, rows: 24 });
    expect(resizeMessage(0, 24)).toBeNull();
    expect(resizeMessage(Number.NaN, 24)).toBeNull();
  });

  it('addresses the socket and share link on the page origin', () => {
    expect(terminalSocketUrl({ protocol: 'http:', host: 'localhost:8000' }, 'abc')).toBe('ws://localhost:8000/ccresearch/terminal/abc');
    expect(terminalSocketUrl({ protocol: 'https:', host: 'x.org' }, 'abc')).toBe('wss://x.org/ccresearch/terminal/abc');
    expect(sandboxPtyUrl({ protocol: 'https:', host: 'x.org' }, 'a b', 100.5, 30)).toBe('wss://x.org/sandboxes/a%20b/pty?cols=100&rows=30');
    expect(sandboxPtyUrl({ protocol: 'http:', host: 'h' }, 'id')).toBe('ws://h/sandboxes/id/pty');
    expect(shareUrl('http://h', 't1')).toBe('http://h/app/shared/terminal/t1');
  });
});
