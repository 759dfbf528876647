import { getMetadataStorage, type ValidationArguments } from 'class-validator';
import type { DtoClass } from './field-labels.js';

/** One stored constraint (class-validator does not export the type by name). */
export type ValidationMetadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

/** Whether a text has a Chinese character (an ASCII-only or English refusal has none). */
export const hasChinese = (text: string) => /[\u3400-\u9fff]/.test(text);

/** The constraints of one DTO class, own and inherited, as class-validator stores them. */
export function constraintsOf(target: DtoClass): ValidationMetadata[] {
  return getMetadataStorage().getTargetValidationMetadatas(target, '', true, false);
}

/** Every class with validation metadata (the DTOs imported so far). */
export function validatedClasses(): DtoClass[] {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<DtoClass, unknown[]> };
  return [...storage.validationMetadatas.keys()];
}

/** The key class-validator uses for a constraint in `ValidationError.constraints` (`isString`, `isCalendarDate` …). */
export const constraintKey = (m: ValidationMetadata) => m.name ?? m.type;

/** Constraints that only switch validation off (IsOptional, ValidateIf): they never refuse. */
export const isCondition = (m: ValidationMetadata) => m.type === 'conditionalValidation';

const list = (values: unknown[]) => (values.length <= 12 ? `，可选：${values.map(String).join('、')}` : '');

/** Chinese for class-validator's built-in constraints; `l` is the field's label, `c` the constraint's arguments. */
const TEMPLATES: Record<string, (l: string, c: unknown[]) => string> = {
  isDefined: (l) => `${l}为必填项`,
  isNotEmpty: (l) => `${l}不能为空`,
  notBlank: (l) => `${l}不能为空白`,
  isString: (l) => `${l}必须是文本`,
  isInt: (l) => `${l}必须是整数`,
  isNumber: (l) => `${l}必须是数字`,
  isPositive: (l) => `${l}必须是正数`,
  isBoolean: (l) => `${l}必须是 true 或 false`,
  isArray: (l) => `${l}必须是列表`,
  isObject: (l) => `${l}必须是对象`,
  nestedValidation: (l) => `${l}必须是对象`,
  isDate: (l) => `${l}必须是有效的日期`,
  isCalendarDate: (l) => `${l}必须是真实存在的日期，格式 YYYY-MM-DD`,
  isDateString: (l) => `${l}必须是有效的日期时间`,
  isIso8601: (l) => `${l}必须是有效的日期时间`,
  isUuid: (l) => `${l}必须是有效的编号（UUID）`,
  isEmail: (l) => `${l}必须是有效的电子邮箱地址`,
  isIn: (l, c) => `${l}的取值无效${list((c[0] as unknown[]) ?? [])}`,
  isEnum: (l, c) => `${l}的取值无效${list(Object.values((c[0] as object) ?? {}))}`,
  minLength: (l, c) => `${l}至少 ${String(c[0])} 个字符`,
  maxLength: (l, c) => `${l}最多 ${String(c[0])} 个字符`,
  isLength: (l, c) => (Number(c[0]) >= 1 ? `${l}不能为空且不超过 ${String(c[1])} 个字符` : `${l}最多 ${String(c[1])} 个字符`),
  min: (l, c) => `${l}不能小于 ${String(c[0])}`,
  max: (l, c) => `${l}不能大于 ${String(c[0])}`,
  matches: (l) => `${l}的格式不正确`,
  arrayNotEmpty: (l) => `${l}至少要有一项`,
  arrayMinSize: (l, c) => `${l}至少要有 ${String(c[0])} 项`,
  arrayMaxSize: (l, c) => `${l}最多 ${String(c[0])} 项`,
  arrayUnique: (l) => `${l}不能有重复项`,
};

/** A DTO's own Chinese message, with the property's English name (as `$property` or written out) replaced by its label. */
function ownMessage(m: ValidationMetadata, label: string): string | undefined {
  const args: ValidationArguments = { property: label, value: undefined, constraints: m.constraints ?? [], targetName: m.target instanceof Function ? m.target.name : '', object: {} };
  const raw = typeof m.message === 'function' ? m.message(args) : m.message;
  if (typeof raw !== 'string' || !hasChinese(raw)) return undefined;
  const rest = raw
    .replace(/\$constraint(\d+)/g, (_, i: string) => String((m.constraints ?? [])[Number(i) - 1] ?? ''))
    .replace(new RegExp(`^(\\$property|${m.propertyName})\\s*[：:]?\\s*`), '')
    .replace(/\$property\s?/g, label)
    .replace(new RegExp(`（${label}）$`), '');
  return rest.startsWith(label) ? rest : `${label}${rest}`;
}

/** The default message of a custom constraint (ValidateBy's defaultMessage), when it is Chinese. */
function defaultMessage(m: ValidationMetadata, label: string): string | undefined {
  const cls = m.constraintCls as (new () => { defaultMessage?: (a: ValidationArguments) => string }) | undefined;
  if (!cls || m.type !== 'customValidation') return undefined;
  const text = new cls().defaultMessage?.({ property: label, value: undefined, constraints: m.constraints ?? [], targetName: '', object: {} });
  return text && hasChinese(text) ? text : undefined;
}

/**
 * The one Chinese sentence that refuses a value under constraint `m`, naming the field by `label`:
 * the DTO's own Chinese message if it has one, else the built-in constraint's Chinese template.
 */
export function constraintMessage(m: ValidationMetadata, label: string): string {
  const subject = m.each ? `${label}的每一项` : label;
  const own = ownMessage(m, label) ?? defaultMessage(m, label);
  if (own) return own.startsWith(`${label} `) ? label + own.slice(label.length + 1) : own;
  const template = TEMPLATES[constraintKey(m)];
  return template ? template(subject, m.constraints ?? []) : `${subject}的值无效`;
}

/** The constraint of `target.property` under `key`, if the DTO declares one. */
export function findConstraint(target: DtoClass | undefined, property: string, key: string): ValidationMetadata | undefined {
  if (!target) return undefined;
  return constraintsOf(target).find((m) => m.propertyName === property && constraintKey(m) === key);
}
