/**
 * The HTTP client every page uses. The session lives in HTTP-only cookies set by the server
 * (coderunner_access, coderunner_refresh); this client never sees a token. It sends the
 * XSRF-TOKEN cookie's value as X-XSRF-TOKEN on every request that changes something, and on a
 * 401 it asks POST /refresh once (shared by all requests waiting at that moment) and repeats
 * the request; when that fails too, the session is over and onSessionExpired is told.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ClientOptions {
  /** Origin and path prefix of the server; empty for the page's own origin. */
  baseUrl?: string;
  fetchFn?: typeof fetch;
  /** Reads a cookie the page can see (XSRF-TOKEN). */
  readCookie?: (name: string) => string | undefined;
  /** Called when a request was refused with 401 and a refresh could not renew the session. */
  onSessionExpired?: () => void;
}

export interface RequestOptions {
  method?: string;
  /** Sent as JSON, unless it is FormData. */
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  /** For the sign-in calls themselves: a 401 there is an answer, not an expired session. */
  noRefresh?: boolean;
  /** A 401 that a refresh cannot cure is only thrown, not reported as an expired session (the first look at /users/me). */
  silent?: boolean;
  signal?: AbortSignal;
  /** What the answer may be, when it is not JSON (a log in plain text). */
  accept?: string;
}

export const XSRF_COOKIE = 'XSRF-TOKEN';
export const XSRF_HEADER = 'X-XSRF-TOKEN';

export function documentCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) {
      return decodeURIComponent(rest.join('='));
    }
  }
  return undefined;
}

/** The message of a problem-details answer (RFC 9457 `detail`), else a short description. */
export function errorMessage(status: number, body: unknown, statusText: string): string {
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    for (const key of ['detail', 'message', 'error', 'title']) {
      const value = record[key];
      if (typeof value === 'string' && value.length > 0) {
        return value;
      }
    }
  }
  if (typeof body === 'string' && body.length > 0 && body.length < 300) {
    return body;
  }
  return `${status} ${statusText}`.trim();
}

export class ApiClient {
  private readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;
  private readonly readCookie: (name: string) => string | undefined;
  onSessionExpired: () => void;
  private refreshing: Promise<boolean> | null = null;

  constructor(options: ClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? '';
    this.fetchFn = options.fetchFn ?? ((input, init) => fetch(input, init));
    this.readCookie = options.readCookie ?? documentCookie;
    this.onSessionExpired = options.onSessionExpired ?? (() => undefined);
  }

  get<T>(path: string, query?: RequestOptions['query']): Promise<T> {
    return this.request<T>(path, { query });
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>(path, { method: 'POST', body });
  }

  put<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>(path, { method: 'PUT', body });
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>(path, { method: 'DELETE' });
  }

  url(path: string, query?: RequestOptions['query']): string {
    let url = this.baseUrl + path;
    if (query) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) {
        if (value !== undefined && value !== null && value !== '') {
          params.set(key, String(value));
        }
      }
      const text = params.toString();
      if (text) {
        url += (url.includes('?') ? '&' : '?') + text;
      }
    }
    return url;
  }

  async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.raw(path, options);
    const body = await readBody(response);
    if (!response.ok) {
      throw new ApiError(response.status, errorMessage(response.status, body, response.statusText), body);
    }
    return body as T;
  }

  /** The response itself (for downloads), after the refresh dance; non-2xx answers are returned, not thrown. */
  async raw(path: string, options: RequestOptions = {}): Promise<Response> {
    let response = await this.send(path, options);
    if (response.status === 401 && !options.noRefresh) {
      if (await this.refresh()) {
        response = await this.send(path, options);
      }
      if (response.status === 401 && !options.silent) {
        this.onSessionExpired();
      }
    }
    return response;
  }

  /** POST /refresh with the refresh cookie; concurrent callers share one attempt. */
  refresh(): Promise<boolean> {
    if (!this.refreshing) {
      this.refreshing = this.send('/refresh', { method: 'POST' })
        .then((response) => response.ok)
        .catch(() => false)
        .finally(() => {
          this.refreshing = null;
        });
    }
    return this.refreshing;
  }

  private send(path: string, options: RequestOptions): Promise<Response> {
    const method = (options.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = { Accept: options.accept ?? 'application/json' };
    let body: BodyInit | undefined;
    if (options.body instanceof FormData) {
      body = options.body;
    } else if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    if (method !== 'GET' && method !== 'HEAD') {
      const xsrf = this.readCookie(XSRF_COOKIE);
      if (xsrf) {
        headers[XSRF_HEADER] = xsrf;
      }
    }
    return this.fetchFn(this.url(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  }
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) {
    return undefined;
  }
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** The client of this page. */
export const api = new ApiClient();
