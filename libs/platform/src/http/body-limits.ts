import type { IncomingMessage } from 'node:http';

/**
 * Largest JSON or form body a Rectify service parses (files go as multipart, under their own
 * limits). The largest legitimate body is a meeting record (minutes up to 50 000 characters, 50
 * decisions of 2 000): about 500 KB of UTF-8.
 */
export const BODY_LIMIT_BYTES = 1024 * 1024;
/** Deepest nesting of arrays and objects a JSON body may have; no Rectify request needs more than 5. */
export const MAX_JSON_DEPTH = 32;
/** Nesting and field count of a urlencoded form body (`a[b][c]=…`). */
export const MAX_FORM_DEPTH = 5;
export const MAX_FORM_FIELDS = 1000;

/** How a refused body is described to users (Chinese, naming the limit), keyed by the refusal's `type`. */
export const BODY_LIMIT_REASONS = {
  'entity.too.large': `请求体过大，上限为 ${BODY_LIMIT_BYTES / 1024 / 1024} MiB`,
  'entity.too.deep': `请求体的嵌套层数超过上限 ${MAX_JSON_DEPTH} 层`,
  'querystring.parse.rangeError': `表单的嵌套层数超过上限 ${MAX_FORM_DEPTH} 层`,
  'parameters.too.many': `表单字段过多，上限 ${MAX_FORM_FIELDS} 个`,
} as const;

/**
 * True when the JSON text nests arrays or objects more than `max` levels deep. One pass over the
 * text without recursion and without parsing (brackets inside strings do not count), so it runs
 * before JSON.parse builds anything and cannot overflow the stack whatever it is given.
 */
export function jsonTooDeep(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > max) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    }
  }
  return false;
}

/** A refusal body-parser passes on with its own status and `type` (see body-errors.ts). */
class BodyLimitError extends Error {
  readonly status = 400;
  readonly statusCode = 400;
  readonly expose = true;
  constructor(readonly type: keyof typeof BODY_LIMIT_REASONS) {
    super(BODY_LIMIT_REASONS[type]);
  }
}

/**
 * body-parser's `verify` hook for JSON: refuses a body nested deeper than {@link MAX_JSON_DEPTH}
 * before it is parsed (a few thousand levels would otherwise overflow the stack of whatever walks
 * the parsed value: the text pipe, class-transformer, class-validator).
 */
export function verifyJsonDepth(_req: IncomingMessage, _res: unknown, body: Buffer, encoding: string | null): void {
  const text = !encoding || /^utf-?8$/i.test(encoding) ? body.toString('utf8') : new TextDecoder(encoding).decode(body);
  if (jsonTooDeep(text)) throw new BodyLimitError('entity.too.deep');
}
