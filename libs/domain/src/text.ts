/** Whether a value is a string with something other than white space in it (a reason given, a number filled in). */
export function hasText(value: unknown): boolean {
  return typeof value === 'string' && value.trim().length > 0;
}
