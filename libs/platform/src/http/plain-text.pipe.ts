import { BadRequestException, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import type { FieldError } from './validation-errors.js';
import { MAX_JSON_DEPTH } from './body-limits.js';

/** C0 control characters and DEL, except tab, line feed and carriage return. */
const CONTROL_CHARS = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F';
const CONTROL = new RegExp(`[${CONTROL_CHARS}]`);
/** A text without control characters (line breaks and tabs allowed), for DTOs' `@Matches`. */
export const NO_CONTROL_CHARS = new RegExp(`^[^${CONTROL_CHARS}]*$`);
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function reasonFor(text: string): string | undefined {
  if (CONTROL.test(text)) return '不能包含控制字符';
  if (LONE_SURROGATE.test(text)) return '包含无效的 Unicode 字符（孤立的代理项）';
  return undefined;
}

/**
 * Every string (and key) inside `value` with a reason to refuse it, depth first in document order.
 * Walks with its own stack, not recursion, and stops descending below {@link MAX_JSON_DEPTH}
 * levels (naming the field), so no value — however it reached the pipe — can overflow the stack.
 */
function collect(root: unknown, rootPath: string, out: FieldError[]): void {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: rootPath, depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const reason = reasonFor(value);
      if (reason) out.push({ field: path || 'body', reasons: [reason] });
      continue;
    }
    if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) continue;
    if (depth >= MAX_JSON_DEPTH) {
      out.push({ field: path || 'body', reasons: [`嵌套层数超过上限 ${MAX_JSON_DEPTH} 层`] });
      continue;
    }
    const children: { value: unknown; path: string; depth: number }[] = [];
    if (Array.isArray(value)) {
      value.forEach((item, i) => children.push({ value: item, path: `${path}[${i}]`, depth: depth + 1 }));
    } else {
      for (const [key, item] of Object.entries(value)) {
        if (reasonFor(key)) out.push({ field: path ? `${path}.${key.replace(CONTROL, '?')}` : 'body', reasons: ['字段名' + reasonFor(key)!] });
        else children.push({ value: item, path: path ? `${path}.${key}` : key, depth: depth + 1 });
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

/**
 * Refuses, before any DTO validation, every request whose body, query or path carries text no
 * Rectify field may hold: control characters other than tab and line breaks, and lone UTF-16
 * surrogates (PostgreSQL cannot store the first; the second would silently turn into U+FFFD).
 * The 400 names each offending field, in the shape the ValidationPipe uses.
 */
export class PlainTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const fields: FieldError[] = [];
    collect(value, metadata.type === 'param' ? (metadata.data ?? 'param') : '', fields);
    if (fields.length > 0) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: fields.flatMap((f) => f.reasons.map((r) => `${f.field}: ${r}`)),
        fields,
      });
    }
    return value;
  }
}
