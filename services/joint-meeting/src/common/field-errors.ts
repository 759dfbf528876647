import { BadRequestException } from '@nestjs/common';
import type { FieldError } from '@rectify/platform';

/** Collects refusals found after the DTO's own validation, and answers 400 like the ValidationPipe. */
export class FieldErrors {
  private readonly fields: FieldError[] = [];

  add(field: string, reason: string): void {
    const known = this.fields.find((f) => f.field === field);
    if (known) known.reasons.push(reason);
    else this.fields.push({ field, reasons: [reason] });
  }

  throwIfAny(): void {
    if (this.fields.length === 0) return;
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: this.fields.flatMap((f) => f.reasons.map((r) => `${f.field}: ${r}`)),
      fields: this.fields,
    });
  }
}
