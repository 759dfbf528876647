import { BadRequestException, type ValidationError } from '@nestjs/common';

export interface FieldError {
  /** Dotted path of the offending field, e.g. `responsibility.leadDepartment`. */
  field: string;
  /** Why the value was refused. */
  reasons: string[];
}

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own: FieldError[] = e.constraints ? [{ field, reasons: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * Turns class-validator errors into a 400 whose body names every field and why:
 * `{ statusCode: 400, error: 'Bad Request', message: ['field: reason', ...], fields: [...] }`.
 */
export function validationErrorFactory(errors: ValidationError[]): BadRequestException {
  const fields = flatten(errors);
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: fields.flatMap((f) => f.reasons.map((r) => `${f.field}: ${r}`)),
    fields,
  });
}
