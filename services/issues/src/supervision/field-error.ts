import { BadRequestException } from '@nestjs/common';
import type { FieldError } from '@rectify/platform';

/**
 * A 400 in the shape of the global ValidationPipe's (`message` lines and `fields`), for refusals
 * found after the body's shape was checked (an unknown enterprise, a date in the future …).
 */
export function fieldErrors(fields: FieldError[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: fields.flatMap((f) => f.reasons.map((r) => `${f.field}: ${r}`)),
    fields,
  });
}

export const fieldError = (field: string, reason: string) => fieldErrors([{ field, reasons: [reason] }]);
