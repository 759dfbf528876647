import { IsString, Length, Matches, ValidateBy } from 'class-validator';
import { INPUT_DATE_RANGE, isInputDate } from '@rectify/domain';
import { NO_CONTROL_CHARS } from '@rectify/platform';


/** A required text of 1..max characters without control characters (line breaks allowed). */
export function Text(max: number): PropertyDecorator {
  return (target, key) => {
    IsString({ message: '$property 必须是文本' })(target, key);
    Length(1, max, { message: `$property 不能为空且不超过 ${max} 个字符` })(target, key);
    Matches(NO_CONTROL_CHARS, { message: '$property 不能包含控制字符' })(target, key);
  };
}

/** A real calendar date 'YYYY-MM-DD'. */
export function IsCalendarDate(): PropertyDecorator {
  return ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: (value: unknown) => isInputDate(value),
      defaultMessage: (a) => `${a?.property ?? '日期'} 必须是真实存在的日期，格式 YYYY-MM-DD，且在 ${INPUT_DATE_RANGE.from} 至 ${INPUT_DATE_RANGE.to} 之间`,
    },
  });
}

/** Ledger numbers as the issues service issues them (see LEDGER_NO). */
export const LEDGER_NO_MESSAGE = '$property 的每一项必须是台账编号，如 E001-2026-00042';
