import fc from 'fast-check';
import type { Schema } from './openapi.js';

/** Strings no text field should take: control characters, 100 000 characters, lone surrogates. */
export const invalidString = fc.oneof(
  fc.constant('\u0000'),
  fc.constant('a\u0000b\u0007\u001b[31m'),
  fc.constant('\ud800'),
  fc.constant('x'.repeat(100_001)),
  fc.constant('中'.repeat(20_001)),
);

/**
 * Strings to throw at path and query parameters: the invalid ones above plus text that is valid
 * somewhere but hostile here (SQL, HTML, traversal, blanks, random binary).
 */
export const hostileString = fc.oneof(
  fc.constant(''),
  fc.constant(' '),
  fc.constant('\u0000'),
  fc.constant('a\u0000b\u0007\u001b[31m'),
  fc.constant('\ud800'),
  fc.constant('x'.repeat(100_001)),
  fc.constant('中'.repeat(20_001)),
  fc.constant('../../../../etc/passwd'),
  fc.constant("'; DROP TABLE issues.problems; --"),
  fc.constant('<script>alert(1)</script>'),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** Dates that are not dates. */
export const invalidDate = fc.oneof(
  fc.constantFrom('2026-02-30', '2026-13-01', '2026-00-10', '26-1-1', '2026/06/30', '2026年6月30日', '9999999-01-01', '-2026-01-01', '2026-06-30T25:00:00Z', 'yesterday', ''),
  fc.integer().map(String),
);

/** Amounts the ledger must refuse: negative, overlong, too precise, not numbers. */
export const invalidAmount = fc.oneof(
  fc.constantFrom('-1', '-0.01', '1e309', 'NaN', 'Infinity', '1,000', '12.345', '１２３', '0x10', '9'.repeat(40), '1.' + '0'.repeat(30), ' 1 '),
  fc.double({ noNaN: false }).map((n) => String(n)),
);

/** A value of the wrong JSON type for `schema`. */
export function wrongType(schema: Schema | undefined): fc.Arbitrary<unknown> {
  const all = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({}), fc.array(fc.integer(), { maxLength: 3 }), fc.string({ maxLength: 5 }));
  switch (schema?.type) {
    case 'string':
      return fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({ $gt: '' }));
    case 'number':
    case 'integer':
      return fc.oneof(fc.constant('12abc'), fc.boolean(), fc.constant({}), fc.constant([]), fc.constant(-1e308), fc.constant(2 ** 64));
    case 'boolean':
      return fc.oneof(fc.constant('yes'), fc.integer(), fc.constant({}), fc.constant([]));
    case 'array':
      return fc.oneof(fc.constant('not-an-array'), fc.integer(), fc.constant({}), fc.constant(Array(5000).fill('x')), fc.constant([null, {}, 3]));
    case 'object':
      return fc.oneof(fc.constant('not-an-object'), fc.integer(), fc.constant([]), fc.constant(true));
    default:
      return all;
  }
}

/**
 * An invalid value for the named field, chosen by what the field holds (never merely unusual text).
 * For an optional field null is not invalid: every service reads an optional field sent as null as
 * not given (class-validator's IsOptional), the documented convention.
 */
export function invalidFor(name: string, schema: Schema | undefined, required = true): fc.Arbitrary<unknown> {
  const lower = name.toLowerCase();
  const options: fc.Arbitrary<unknown>[] = [wrongType(schema), invalidString];
  // A date field by its name or by its documented example (not by a suffix: `reason` is free text).
  const looksLikeDate = typeof schema?.example === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(schema.example);
  if (/date|deadline/.test(lower) || lower === 'from' || lower === 'to' || looksLikeDate) options.push(invalidDate);
  if (/amount/.test(lower)) options.push(invalidAmount);
  if (schema?.enum) options.push(fc.constantFrom('not-in-enum', String(schema.enum[0]).toUpperCase(), `${String(schema.enum[0])} `));
  if (schema?.type === 'integer' || schema?.type === 'number') options.push(fc.constantFrom(-1, 0, 1.5, 1e12, -1e12));
  const invalid = fc.oneof(...options);
  return required ? invalid : invalid.filter((v) => v !== null);
}

/** A plausible value for a schema: its example, first enum value, or a simple value of its type. */
export function plausible(schema: Schema | undefined, name = ''): unknown {
  if (!schema) return 'x';
  if (schema.example !== undefined) return schema.example;
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'string':
      return /date|deadline/i.test(name) ? '2026-10-15' : '测试';
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    default:
      if (schema.properties) return Object.fromEntries(Object.entries(schema.properties).filter(([k]) => schema.required?.includes(k)).map(([k, v]) => [k, plausible(v, k)]));
      return '测试';
  }
}

/** A mutation of a plausible body: one field made invalid, a required one removed, or a field added. */
export type Mutation = { kind: 'invalid'; field: string; value: unknown } | { kind: 'missing'; field: string } | { kind: 'extra'; field: string; value: unknown } | { kind: 'not-an-object'; value: unknown };

export function mutation(schema: Schema): fc.Arbitrary<Mutation> {
  const props = Object.entries(schema.properties ?? {});
  const options: fc.Arbitrary<Mutation>[] = [
    fc.record({ kind: fc.constant('extra' as const), field: fc.constantFrom('__proto__x', 'isAdmin', 'id', 'role', 'x'.repeat(300)), value: fc.oneof(fc.string(), fc.integer(), fc.constant({ a: 1 })) }),
    fc.record({ kind: fc.constant('not-an-object' as const), value: fc.oneof(fc.constant([]), fc.constant('text'), fc.constant(42), fc.constant(null)) }),
  ];
  const required = schema.required ?? [];
  if (props.length > 0) {
    options.push(fc.constantFrom(...props).chain(([field, s]) => invalidFor(field, s, required.includes(field)).map((value): Mutation => ({ kind: 'invalid', field, value }))));
  }
  if (required.length > 0) options.push(fc.constantFrom(...required).map((field): Mutation => ({ kind: 'missing', field })));
  return fc.oneof(...options);
}

export function applyMutation(base: Record<string, unknown>, m: Mutation): unknown {
  switch (m.kind) {
    case 'invalid':
      return { ...base, [m.field]: m.value };
    case 'missing': {
      const copy = { ...base };
      delete copy[m.field];
      return copy;
    }
    case 'extra':
      return { ...base, [m.field]: m.value };
    case 'not-an-object':
      return m.value;
  }
}
