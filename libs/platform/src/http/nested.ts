import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsDefined, IsObject, IsOptional, ValidateNested } from 'class-validator';

export interface NestedOptions {
  /** Absent and null are allowed (the field means "not given"); given, it must still be an object. */
  optional?: boolean;
  /** The field is an array whose every item is such an object. */
  each?: boolean;
}

/**
 * A nested DTO, validated as what it is: required unless `optional`, a JSON object (not an array,
 * string or number — or an array of objects with `each`), and its own fields validated. Every
 * refusal names the field in Chinese; without this, a registration missing `document` or sending
 * `document: []` slipped past `@ValidateNested()` alone and failed later as a 500.
 */
export function Nested(type: () => new () => object, options: NestedOptions = {}): PropertyDecorator {
  const presence = options.optional ? IsOptional() : IsDefined({ message: '$property 为必填项' });
  if (options.each) {
    return applyDecorators(
      presence,
      IsArray({ message: '$property 必须是数组' }),
      IsObject({ each: true, message: '$property 的每一项必须是对象' }),
      ValidateNested({ each: true, message: '$property 的每一项必须是对象' }),
      Type(type),
    );
  }
  return applyDecorators(
    presence,
    IsObject({ message: '$property 必须是对象' }),
    ValidateNested({ message: '$property 必须是对象' }),
    Type(type),
  );
}
