/**
 * The messages of WS /ccresearch/terminal/{id}: the client sends keys (input) and the screen size
 * (resize); the server answers connected, output, exit and error. Kept apart from the page so
 * that the handling of each message can be tested without a browser.
 */

export type ServerEvent =
  | { kind: 'connected' }
  | { kind: 'output'; data: string }
  | { kind: 'exit'; reason: string }
  | { kind: 'error'; message: string }
  | { kind: 'ignored' };

export function parseServerMessage(raw: string): ServerEvent {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return { kind: 'error', message: 'malformed message from the server' };
  }
  if (!body || typeof body !== 'object') {
    return { kind: 'ignored' };
  }
  const record = body as Record<string, unknown>;
  const text = (key: string) => (typeof record[key] === 'string' ? (record[key] as string) : '');
  switch (record.type) {
    case 'connected':
      return { kind: 'connected' };
    case 'output':
      return { kind: 'output', data: text('data') };
    case 'exit':
      // A terminal session says why it ended; a sandbox's terminal gives the shell's exit code.
      return { kind: 'exit', reason: text('reason') || (typeof record.exit_code === 'number' ? `exit ${record.exit_code}` : '') };
    case 'error':
      return { kind: 'error', message: text('message') || text('error') || text('detail') };
    default:
      return { kind: 'ignored' };
  }
}

export function inputMessage(data: string): string {
  return JSON.stringify({ type: 'input', data });
}

/** A resize the server accepts: whole numbers, at least one column and row. */
export function resizeMessage(cols: number, rows: number): string | null {
  if (!Number.isFinite(cols) || !Number.isFinite(rows) || cols < 1 || rows < 1) {
    return null;
  }
  return JSON.stringify({ type: 'resize', cols: Math.floor(cols), rows: Math.floor(rows) });
}

/** The socket's address on the page's own origin, so that the session cookie signs the handshake in. */
export function terminalSocketUrl(location: { protocol: string; host: string }, sessionId: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ccresearch/terminal/${encodeURIComponent(sessionId)}`;
}

/** A sandbox's terminal (WS /sandboxes/{id}/pty), sized from the start so that the shell's first screen fits. */
export function sandboxPtyUrl(location: { protocol: string; host: string }, sandboxId: string, cols?: number, rows?: number): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const size = cols && rows && cols > 0 && rows > 0 ? `?cols=${Math.floor(cols)}&rows=${Math.floor(rows)}` : '';
  return `${scheme}//${location.host}/sandboxes/${encodeURIComponent(sandboxId)}/pty${size}`;
}

/** The public address of a shared session. */
export function shareUrl(origin: string, token: string): string {
  return `${origin}/app/shared/terminal/${encodeURIComponent(token)}`;
}
