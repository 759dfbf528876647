import { stack } from '../harness/index.js';

export interface Sent {
  status: number;
  text: string;
  json: unknown;
}

/** One request through the gateway with a JSON body, a raw body or a multipart form. */
export async function send(method: string, path: string, options: { token?: string; json?: unknown; raw?: string; contentType?: string; form?: FormData } = {}): Promise<Sent> {
  const headers: Record<string, string> = {};
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  let body: string | FormData | undefined;
  if (options.form) body = options.form;
  else if (options.raw !== undefined) {
    body = options.raw;
    headers['content-type'] = options.contentType ?? 'application/json';
  } else if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(`${stack().urls.gateway}${path}`, { method, headers, body, signal: AbortSignal.timeout(60_000) });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

const FIELD_FIRST = /^\s*[A-Za-z_$][\w$.[\]/-]*\s*[：:]\s*\S/;

/**
 * Whether a 4xx answer says which field is wrong and why: the ValidationPipe's `fields`
 * (`{ field, reasons }`), an import's per-cell `errors`, or messages of the form `field：reason`.
 */
export function namesAField(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as { fields?: unknown; errors?: unknown; message?: unknown };
  if (Array.isArray(b.fields) && b.fields.length > 0) {
    return b.fields.every((f: { field?: unknown; reasons?: unknown }) => typeof f.field === 'string' && f.field.length > 0 && Array.isArray(f.reasons) && f.reasons.length > 0);
  }
  if (Array.isArray(b.errors) && b.errors.length > 0) return b.errors.every((e) => typeof e === 'object' && e !== null && Object.keys(e).length >= 2);
  const messages = Array.isArray(b.message) ? b.message : [b.message];
  return messages.length > 0 && messages.every((m) => typeof m === 'string' && FIELD_FIRST.test(m));
}

/** Whether every message of a 4xx answer (and every reason it names) has Chinese in it: none is ASCII-only. */
export function speaksChinese(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as { message?: unknown; fields?: { reasons?: unknown[] }[]; errors?: { message?: unknown }[] };
  const texts = [
    ...(Array.isArray(b.message) ? b.message : [b.message]),
    ...(b.fields ?? []).flatMap((f) => f.reasons ?? []),
    ...(b.errors ?? []).map((e) => e.message),
  ].filter((t) => t !== undefined);
  return texts.length > 0 && texts.every((t) => typeof t === 'string' && /[\u3400-\u9fff]/.test(t));
}
