import { clearSession, freshToken, renewSession } from '../auth/session.js';

/** One field the server refused, as the shared ValidationPipe (400) or a policy check (422) names it. */
export interface FieldError {
  field: string;
  reasons: string[];
}

/** A refused request: the HTTP status, the server's Chinese message and the fields it named. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: FieldError[],
    readonly body: unknown,
  ) {
    super(message);
  }
}

/** "field：reason" or "field: reason" (the form the services use) split into a field error. */
const FIELD_PREFIX = /^([A-Za-z][A-Za-z0-9_.[\]]*)\s*[：:]\s*(.+)$/s;

function fieldsOf(body: unknown): FieldError[] {
  if (!body || typeof body !== 'object') return [];
  const b = body as { fields?: FieldError[]; message?: unknown };
  if (Array.isArray(b.fields)) return b.fields;
  const messages = Array.isArray(b.message) ? b.message : typeof b.message === 'string' ? [b.message] : [];
  const out: FieldError[] = [];
  for (const m of messages) {
    const match = typeof m === 'string' ? FIELD_PREFIX.exec(m) : null;
    if (match) out.push({ field: match[1]!, reasons: [match[2]!.trim()] });
  }
  return out;
}

function messageOf(status: number, body: unknown): string {
  // A validation refusal names each field once, by its Chinese label, in `fields`: show those sentences.
  const named = body && typeof body === 'object' && Array.isArray((body as { fields?: unknown }).fields) ? (body as { fields: FieldError[] }).fields : [];
  if (named.length > 0) return named.flatMap((f) => f.reasons).join('；');
  if (body && typeof body === 'object' && 'message' in body) {
    const m = (body as { message: unknown }).message;
    if (Array.isArray(m)) return m.join('；');
    if (typeof m === 'string') return m;
  }
  if (status === 401) return '登录已过期，请重新登录';
  if (status === 403) return '当前角色无权进行此操作';
  if (status === 404) return '请求的内容不存在';
  if (status >= 500) return '服务暂不可用，请稍后再试';
  return `请求失败（${status}）`;
}

/**
 * Each submitted change carries its own Idempotency-Key: when the answer is lost on the way (the
 * network failed, not the server), the same request is sent again under the same key, and the
 * server applies it once and answers as it did the first time.
 */
async function fetchOnce(path: string, init: RequestInit): Promise<Response> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fetch(path, init);
    } catch (err) {
      if (init.method === 'GET' || attempt >= 3) throw err;
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
}

async function send(method: string, path: string, body?: BodyInit | null, headers: Record<string, string> = {}): Promise<Response> {
  let token = await freshToken();
  // one key for this change, kept when it is sent again after a renewal
  const once: Record<string, string> = method === 'GET' ? {} : { 'idempotency-key': crypto.randomUUID() };
  const attempt = (t: string | null) => fetchOnce(path, { method, body, headers: { ...headers, ...once, ...(t ? { authorization: `Bearer ${t}` } : {}) } });
  let res = await attempt(token);
  if (res.status === 401 && token) {
    // the access token ran out between check and use, or the clocks differ: renew once and retry
    const renewed = await renewSession();
    if (renewed) {
      token = renewed;
      res = await attempt(token);
    }
  }
  if (res.ok) return res;
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: keep the text */
  }
  if (res.status === 401 && token) {
    clearSession();
    window.location.assign('/login');
  }
  throw new ApiError(res.status, messageOf(res.status, parsed), fieldsOf(parsed), parsed);
}

/** JSON in, JSON out, with the caller's token. */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await send(method, path, body === undefined ? undefined : JSON.stringify(body), body === undefined ? {} : { 'content-type': 'application/json' });
  const text = await res.text();
  return (text ? JSON.parse(text) : null) as T;
}

export const get = <T>(path: string) => request<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}) => request<T>('POST', path, body);
export const put = <T>(path: string, body: unknown) => request<T>('PUT', path, body);

/** A multipart upload (a file and optional fields). */
export async function upload<T>(path: string, file: File, fields: Record<string, string | undefined> = {}): Promise<T> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && v !== '') form.append(k, v);
  form.append('file', file);
  const res = await send('POST', path, form);
  return (await res.json()) as T;
}

function fileNameOf(res: Response, fallback: string): string {
  const disposition = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1]!);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1]! : fallback;
}

/** Downloads a file the API serves (with the token, so not a plain link) and saves it. */
export async function download(path: string, fallbackName: string): Promise<string> {
  const res = await send('GET', path);
  const blob = await res.blob();
  const name = fileNameOf(res, fallbackName);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/** A query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
