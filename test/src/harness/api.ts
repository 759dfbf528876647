import { stack } from './stack.js';

export const DEMO_PASSWORD = process.env['DEMO_PASSWORD'] ?? 'rectify-demo';

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * fetch, sent again once when the connection it reused was closed by the server before any answer
 * ("other side closed": an idle keep-alive socket the server shut as the request went out, which no
 * handler saw).
 */
async function sendOnce(url: string, init: RequestInit): Promise<Response> {
  try {
    return await throughRestarts(url, init);
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code !== 'UND_ERR_SOCKET' || !/other side closed/.test(cause.message ?? '')) throw err;
    return throughRestarts(url, init);
  }
}

/**
 * The gateway answers 502 when the service behind it is not running: in the parallel run, a test
 * that kills a service (delivery.spec kills notifications) makes it restart under the others. The
 * request never reached the service, so it is sent again for up to 30 s while the launcher
 * restarts it; any other answer is returned as it is.
 */
async function throughRestarts(url: string, init: RequestInit): Promise<Response> {
  const until = Date.now() + 30_000;
  for (;;) {
    const res = await fetch(url, init);
    if (res.status !== 502 || Date.now() > until) return res;
    const text = await res.clone().text();
    if (!text.includes('服务暂不可用')) return res;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** One HTTP request through the gateway; the body is parsed as JSON when it is JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read response bodies loosely
export async function api<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const res = await sendOnce(`${stack().urls.gateway}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('json') && text.length > 0) parsed = JSON.parse(text);
  return { status: res.status, body: parsed as T, headers: res.headers };
}

export interface LoginAnswer {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
}

interface HeldSession {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms after which the access token is renewed before use. */
  renewAt: number;
}

const sessions = new Map<string, HeldSession>();

function hold(answer: LoginAnswer): HeldSession {
  // renewed when two thirds of its life have passed, so a token handed out is good for minutes
  return { accessToken: answer.accessToken, refreshToken: answer.refreshToken, renewAt: Date.now() + (answer.expiresIn * 1000 * 2) / 3 };
}

/**
 * Logs a demo user in through the gateway (once per test file) and returns an access token.
 * Access tokens live 15 minutes: a later call returns the same token while it is young and
 * renews it with the refresh token when it ages, as the console does. Call `login` where the
 * token is used rather than holding one for a long test.
 */
export async function login(username: string, password = DEMO_PASSWORD): Promise<string> {
  const held = sessions.get(username);
  if (held && Date.now() < held.renewAt) return held.accessToken;
  if (held) {
    const res = await api<LoginAnswer>('POST', '/api/auth/refresh', { body: { refreshToken: held.refreshToken } });
    if (res.status === 200) {
      sessions.set(username, hold(res.body));
      return res.body.accessToken;
    }
  }
  const res = await api<LoginAnswer>('POST', '/api/auth/login', { body: { username, password } });
  if (res.status !== 200) throw new Error(`login of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  sessions.set(username, hold(res.body));
  return res.body.accessToken;
}
