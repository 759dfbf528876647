import { BadRequestException, type ValidationError, ValidationPipe } from '@nestjs/common';
import { constraintMessage, findConstraint, hasChinese } from './constraint-messages.js';
import { labelOf, type DtoClass } from './field-labels.js';

export interface FieldError {
  /** Dotted path of the offending field, e.g. `responsibility.leadDepartment`. */
  field: string;
  /** Why the value was refused: one Chinese sentence naming the field by its label. */
  reasons: string[];
}

/**
 * Which refusal speaks for a field that broke several constraints: presence first, then the type,
 * then emptiness and length, then the rest in the DTO's order — so `itemNo: 123` says "必须是文本",
 * not also its length, and `itemNo: ''` says it may not be empty rather than what it may contain.
 */
const FIRST = ['whitelistValidation', 'isDefined', 'isNotEmpty', 'isString', 'isInt', 'isNumber', 'isBoolean', 'isArray', 'isObject', 'nestedValidation', 'arrayNotEmpty', 'arrayMinSize', 'isLength', 'minLength', 'maxLength'];
const rank = (key: string) => (FIRST.includes(key) ? FIRST.indexOf(key) : FIRST.length);

/** The one message for a field of `target` that failed the constraints keyed in `failed`. */
function messageFor(target: DtoClass | undefined, property: string, label: string, failed: Record<string, string>): string {
  const key = Object.keys(failed).sort((a, b) => rank(a) - rank(b))[0]!;
  if (key === 'whitelistValidation') return `不接受字段 ${property}（接口没有这个字段）`;
  const constraint = findConstraint(target, property, key);
  if (constraint) return constraintMessage(constraint, label);
  const given = failed[key]!;
  return hasChinese(given) ? given : `${label}的值无效`;
}

/** `第 2 项` for an array index, else the property's label (its English name when it has none). */
function labelFor(target: DtoClass | undefined, property: string): string {
  if (/^\d+$/.test(property)) return `第 ${Number(property) + 1} 项`;
  return labelOf(target, property) ?? property;
}

function flatten(errors: ValidationError[], prefix = '', parentLabel = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const target = e.target && typeof e.target === 'object' && !Array.isArray(e.target) ? (e.target.constructor as DtoClass) : undefined;
    const label = `${parentLabel}${parentLabel ? '的' : ''}${labelFor(target, e.property)}`;
    const own: FieldError[] = e.constraints ? [{ field, reasons: [messageFor(target, e.property, label, e.constraints)] }] : [];
    return [...own, ...flatten(e.children ?? [], field, label)];
  });
}

/**
 * Turns class-validator errors into a 400 that names every refused field once, in Chinese:
 * `{ statusCode: 400, error: 'Bad Request', message: ['field: 中文原因', ...], fields: [{ field, reasons: [中文原因] }] }`.
 */
export function validationErrorFactory(errors: ValidationError[]): BadRequestException {
  const fields = flatten(errors);
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: fields.map((f) => `${f.field}: ${f.reasons[0]}`),
    fields,
  });
}

/**
 * The global pipe of every service: unknown fields refused, values transformed, refusals in Chinese.
 * The errors keep their target (the DTO instance, never sent) so the factory can find the class's
 * constraint and its labels; values are not kept.
 */
export const validationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: true, value: false },
    exceptionFactory: validationErrorFactory,
  });
