/**
 * The sandboxes, snapshots and volumes of the native API (/sandboxes, /snapshots, /volumes), as the
 * pages use them: the answers' shapes, which action each state allows, and the create dialog's
 * text fields (KEY=value lines, one command a line) turned into the request the server reads.
 */

export type SandboxState =
  | 'creating'
  | 'starting'
  | 'started'
  | 'stopping'
  | 'stopped'
  | 'archiving'
  | 'archived'
  | 'error'
  | 'destroyed';

export const SANDBOX_STATES: SandboxState[] = ['creating', 'starting', 'started', 'stopping', 'stopped', 'archiving', 'archived', 'error', 'destroyed'];

export const SANDBOX_LANGUAGES = ['python', 'javascript', 'typescript'] as const;

export interface VolumeAttachment {
  volume: string;
  mount_path: string;
  read_only: boolean;
}

export interface SandboxView {
  id: string;
  name: string;
  language: string;
  state: SandboxState;
  snapshot: string | null;
  env: Record<string, string>;
  labels: Record<string, string>;
  cpu: number;
  memory_mb: number;
  disk_mb: number;
  network: boolean;
  auto_stop_minutes: number;
  auto_archive_minutes: number;
  auto_delete_minutes: number;
  volumes: VolumeAttachment[];
  error_reason: string | null;
  created_at: number;
  updated_at: number;
  last_activity_at: number;
}

export interface SandboxPage {
  items: SandboxView[];
  total: number;
  skip: number;
  limit: number;
}

export interface TransitionView {
  from: SandboxState | null;
  to: SandboxState;
  reason: string | null;
  at: number;
}

export interface ExecResult {
  exit_code: number;
  stdout: string;
  stderr: string;
  result: string;
  timed_out: boolean;
  truncated: boolean;
}

export interface SnapshotView {
  id: string;
  name: string;
  base: string;
  state: 'building' | 'active' | 'inactive' | 'build_failed' | 'error' | string;
  size_bytes: number;
  source_sandbox_id: string | null;
  commands: string[];
  error_reason: string | null;
  created_at: number;
  updated_at: number;
  last_used_at: number | null;
}

export interface VolumeView {
  id: string;
  name: string;
  state: string;
  size_mb: number;
  used_bytes: number;
  created_at: number;
  updated_at: number;
  last_used_at: number | null;
}

export interface SandboxFileEntry {
  name: string;
  path: string;
  is_dir: boolean;
  type: 'file' | 'folder' | 'link' | 'other';
  size: number;
  mode: string;
  permissions: string;
  mod_time: string;
}

export interface FileListing {
  path: string;
  files: SandboxFileEntry[];
  truncated: boolean;
}

export type SandboxAction = 'start' | 'stop' | 'archive' | 'delete';

/** What each state allows; the server says the same with a 409 naming the state. */
export function allowedActions(state: SandboxState): SandboxAction[] {
  switch (state) {
    case 'started':
      return ['stop', 'delete'];
    case 'stopped':
      return ['start', 'archive', 'delete'];
    case 'archived':
      return ['start', 'delete'];
    case 'error':
      return ['start', 'delete'];
    default:
      return [];
  }
}

/** A state that will change by itself soon: the pages look again until it settles. */
export function isChanging(state: SandboxState): boolean {
  return state === 'creating' || state === 'starting' || state === 'stopping' || state === 'archiving';
}

/** The colour of a state's tag. */
export function stateColor(state: string): string {
  switch (state) {
    case 'started':
    case 'active':
    case 'ready':
      return 'green';
    case 'creating':
    case 'starting':
    case 'stopping':
    case 'archiving':
    case 'building':
      return 'blue';
    case 'stopped':
    case 'inactive':
      return 'default';
    case 'archived':
      return 'purple';
    case 'error':
    case 'build_failed':
      return 'red';
    default:
      return 'default';
  }
}

/** A text field of the create dialog that was not understood, and why; shown in place by the page. */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'FieldError';
  }
}

/**
 * KEY=value lines (blank lines skipped) as an object. A line without '=' or with an empty key is an
 * error naming the line, so that a typo is not sent as a variable named after the whole line.
 */
export function parsePairs(text: string, field: string): Record<string, string> {
  const pairs: Record<string, string> = {};
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line) {
      return;
    }
    const equals = line.indexOf('=');
    if (equals < 1) {
      throw new FieldError(field, `line ${index + 1}: "${line}" is not KEY=value`);
    }
    pairs[line.slice(0, equals).trim()] = line.slice(equals + 1).trim();
  });
  return pairs;
}

/** Pairs back as KEY=value lines, for showing and editing them. */
export function formatPairs(pairs: Record<string, string> | null | undefined): string {
  return Object.entries(pairs ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join('\n');
}

/** One setup command a line, blank lines left out. */
export function commandLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

export interface CreateForm {
  name?: string;
  language: string;
  snapshot?: string;
  cpu?: number | null;
  memory_mb?: number | null;
  disk_mb?: number | null;
  network?: boolean;
  auto_stop_minutes?: number | null;
  env?: string;
  labels?: string;
  volumes?: { volume?: string; mount_path?: string; read_only?: boolean }[];
}

/**
 * The body of POST /sandboxes from the dialog: fields left empty are left out (the server then takes
 * the tier's most and its defaults), and a volume row needs both a volume and an absolute mount path.
 */
export function createRequest(form: CreateForm): Record<string, unknown> {
  const body: Record<string, unknown> = { language: form.language };
  const name = form.name?.trim();
  if (name) {
    body.name = name;
  }
  if (form.snapshot) {
    body.snapshot = form.snapshot;
  }
  for (const key of ['cpu', 'memory_mb', 'disk_mb', 'auto_stop_minutes'] as const) {
    const value = form[key];
    if (value !== undefined && value !== null) {
      body[key] = value;
    }
  }
  if (form.network !== undefined) {
    body.network = form.network;
  }
  const env = parsePairs(form.env ?? '', 'env');
  if (Object.keys(env).length) {
    body.env = env;
  }
  const labels = parsePairs(form.labels ?? '', 'labels');
  if (Object.keys(labels).length) {
    body.labels = labels;
  }
  const volumes = (form.volumes ?? []).filter((row) => row.volume || row.mount_path);
  if (volumes.length) {
    body.volumes = volumes.map((row, index) => {
      const mountPath = row.mount_path?.trim() ?? '';
      if (!row.volume) {
        throw new FieldError('volumes', `volume ${index + 1}: pick a volume`);
      }
      if (!mountPath.startsWith('/')) {
        throw new FieldError('volumes', `volume ${index + 1}: the mount path must be absolute, e.g. /data`);
      }
      return { volume: row.volume, mount_path: mountPath, read_only: Boolean(row.read_only) };
    });
  }
  return body;
}

/** The folder above a sandbox path ('/' above '/a'); the root has none. */
export function parentOf(path: string): string | null {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (trimmed === '/' || trimmed === '') {
    return null;
  }
  const slash = trimmed.lastIndexOf('/');
  return slash <= 0 ? '/' : trimmed.slice(0, slash);
}

/** A name inside a folder, refusing names that would climb out of it or into another folder. */
export function childPath(folder: string, name: string): string {
  const clean = name.trim();
  if (!clean || clean === '.' || clean === '..' || clean.includes('/')) {
    throw new FieldError('name', `"${name}" is not a file or folder name`);
  }
  return folder.endsWith('/') ? folder + clean : `${folder}/${clean}`;
}

/** A port a preview link can be asked for: a whole number from 1 to 65535. */
export function validPort(text: string): number | null {
  if (!/^\d{1,5}$/.test(text.trim())) {
    return null;
  }
  const port = Number(text.trim());
  return port >= 1 && port <= 65535 ? port : null;
}

/** Minutes as the list shows them: 0 is never. */
export function minutesText(minutes: number, never: string): string {
  return minutes <= 0 ? never : `${minutes} min`;
}

export interface PreviewLink {
  url: string;
  host_url: string | null;
  token: string;
  port: number;
}

/**
 * The address a browser opens: the preview URL with its token, which the server then keeps in a
 * cookie, so that a person can follow the link without sending a header.
 */
export function previewOpenUrl(url: string, token: string): string {
  const hash = url.indexOf('#');
  const [head, tail] = hash < 0 ? [url, ''] : [url.slice(0, hash), url.slice(hash)];
  return `${head}${head.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}${tail}`;
}
