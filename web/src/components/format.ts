import dayjs from 'dayjs';

/** An ISO-8601 time, or epoch milliseconds (the sandboxes API's times). */
export function formatTime(iso: string | number | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '—';
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) {
    return '—';
  }
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  if (bytes < 1024 * 1024) {
    return `${(bytes / 1024).toFixed(1)} KB`;
  }
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function statusColor(status: string | null | undefined): string {
  switch (status) {
    case 'OK':
      return 'success';
    case 'KILLED':
      return 'default';
    case 'COMPILE_ERROR':
    case 'RUNTIME_ERROR':
    case 'INTERNAL_ERROR':
      return 'error';
    default:
      return 'warning';
  }
}

/** Splits a command line into arguments: spaces separate, quotes keep a part together. */
export function splitArgs(line: string): string[] {
  const args: string[] = [];
  let current = '';
  let quote: string | null = null;
  let inArg = false;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) {
        quote = null;
      } else {
        current += ch;
      }
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inArg = true;
    } else if (/\s/.test(ch)) {
      if (inArg) {
        args.push(current);
        current = '';
        inArg = false;
      }
    } else {
      current += ch;
      inArg = true;
    }
  }
  if (inArg) {
    args.push(current);
  }
  return args;
}
