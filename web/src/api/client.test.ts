// @vitest-environment node
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient, ApiError, errorMessage } from './client';

/**
 * A real HTTP server on a random port that behaves like CodeRunner's sign-in: a session that
 * a refresh renews, problem-details errors, and a record of every request it got.
 */
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let base: string;
let seen: Seen[];
let sessionValid: boolean;
let refreshWorks: boolean;

function json(response: ServerResponse, status: number, body: unknown, type = 'application/json') {
  response.writeHead(status, { 'Content-Type': type });
  response.end(JSON.stringify(body));
}

beforeEach(async () => {
  seen = [];
  sessionValid = true;
  refreshWorks = true;
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      if (request.url === '/refresh') {
        if (refreshWorks) {
          sessionValid = true;
          json(response, 200, { token_type: 'bearer' });
        } else {
          json(response, 401, { detail: 'refresh token expired' }, 'application/problem+json');
        }
        return;
      }
      if (!sessionValid) {
        json(response, 401, { detail: 'access token expired' }, 'application/problem+json');
        return;
      }
      if (request.url === '/bad') {
        json(response, 400, { title: 'Bad Request', detail: 'language is required' }, 'application/problem+json');
        return;
      }
      json(response, 200, { method: request.method, url: request.url, body: body ? JSON.parse(body) : null });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function client(expired: () => void = () => undefined, xsrf: string | undefined = 'xsrf-123') {
  return new ApiClient({ baseUrl: base, readCookie: (name) => (name === 'XSRF-TOKEN' ? xsrf : undefined), onSessionExpired: expired });
}

describe('ApiClient', () => {
  it('sends JSON and reads JSON', async () => {
    const answer = await client().post<{ method: string; body: unknown }>('/code-library', { title: 'x' });
    expect(answer).toEqual({ method: 'POST', url: '/code-library', body: { title: 'x' } });
    expect(seen[0]!.headers['content-type']).toBe('application/json');
  });

  it('sends the XSRF cookie as X-XSRF-TOKEN on changes, not on reads', async () => {
    const api = client();
    await api.get('/executions');
    await api.put('/profile', {});
    await api.delete('/api-keys/1');
    expect(seen.map((s) => [s.method, s.headers['x-xsrf-token']])).toEqual([
      ['GET', undefined],
      ['PUT', 'xsrf-123'],
      ['DELETE', 'xsrf-123'],
    ]);
  });

  it('leaves query parameters without a value out', async () => {
    await client().get('/code-library', { search: 'a b', language: undefined, tag: '', limit: 5 });
    expect(seen[0]!.url).toBe('/code-library?search=a+b&limit=5');
  });

  it('throws the problem detail of an error answer', async () => {
    const failure = await client().get('/bad').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).status).toBe(400);
    expect((failure as ApiError).message).toBe('language is required');
  });

  it('on a 401 refreshes once and repeats the request', async () => {
    sessionValid = false;
    let expired = 0;
    const answer = await client(() => expired++).get<{ url: string }>('/users/me');
    expect(answer.url).toBe('/users/me');
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['GET /users/me', 'POST /refresh', 'GET /users/me']);
    expect(seen[1]!.headers['x-xsrf-token']).toBe('xsrf-123');
    expect(expired).toBe(0);
  });

  it('shares one refresh between requests refused at the same time', async () => {
    sessionValid = false;
    const api = client();
    await Promise.all([api.get('/a'), api.get('/b'), api.get('/c')]);
    expect(seen.filter((s) => s.url === '/refresh')).toHaveLength(1);
    expect(seen.filter((s) => s.url !== '/refresh')).toHaveLength(6);
  });

  it('reports an expired session when the refresh fails too', async () => {
    sessionValid = false;
    refreshWorks = false;
    let expired = 0;
    const failure = await client(() => expired++).get('/executions').catch((e: unknown) => e);
    expect((failure as ApiError).status).toBe(401);
    expect(expired).toBe(1);
    expect(seen.map((s) => s.url)).toEqual(['/executions', '/refresh']);
  });

  it('does not refresh for the sign-in calls themselves, nor report them', async () => {
    sessionValid = false;
    let expired = 0;
    const failure = await client(() => expired++).request('/login', { method: 'POST', body: {}, noRefresh: true }).catch((e: unknown) => e);
    expect((failure as ApiError).status).toBe(401);
    expect(seen.map((s) => s.url)).toEqual(['/login']);
    expect(expired).toBe(0);
  });

  it('a silent request tries the refresh but does not report an expired session', async () => {
    sessionValid = false;
    refreshWorks = false;
    let expired = 0;
    await client(() => expired++).request('/users/me', { silent: true }).catch(() => undefined);
    expect(seen.map((s) => s.url)).toEqual(['/users/me', '/refresh']);
    expect(expired).toBe(0);
  });
});

describe('errorMessage', () => {
  it('prefers detail, then message', () => {
    expect(errorMessage(400, { detail: 'd', message: 'm' }, 'Bad Request')).toBe('d');
    expect(errorMessage(409, { message: 'm' }, 'Conflict')).toBe('m');
    expect(errorMessage(502, undefined, 'Bad Gateway')).toBe('502 Bad Gateway');
  });
});
