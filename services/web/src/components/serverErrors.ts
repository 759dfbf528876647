import type { FormInstance } from 'antd';
import { ApiError } from '../api/client.js';

/**
 * Shows a refused request's field errors next to the form's fields (`plan.newDeadline` →
 * ['plan', 'newDeadline']); returns the message for whatever no field could show.
 */
export function applyServerErrors(form: FormInstance, err: unknown): string {
  if (!(err instanceof ApiError)) return err instanceof Error ? err.message : String(err);
  const registered = new Set(form.getFieldsError().map((f) => f.name.join('.')));
  const shown: { name: (string | number)[]; errors: string[] }[] = [];
  const rest: string[] = [];
  for (const f of err.fields) {
    if (registered.has(f.field)) shown.push({ name: f.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: f.reasons });
    else rest.push(...f.reasons); // each reason names its field by the Chinese label
  }
  form.setFields(shown);
  if (shown.length > 0 && rest.length === 0) return '请按提示修改标红的字段';
  return rest.length > 0 ? rest.join('；') : err.message;
}
