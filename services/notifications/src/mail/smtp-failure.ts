/**
 * Whether an SMTP failure is worth retrying: connection problems and 4xx replies are transient;
 * 5xx replies and refused addresses are permanent and are recorded, not retried.
 */
export function isTransient(err: unknown): boolean {
  const e = err as { responseCode?: number; code?: string };
  if (typeof e.responseCode === 'number') return e.responseCode >= 400 && e.responseCode < 500;
  if (e.code === 'EENVELOPE' || e.code === 'EMESSAGE') return false;
  return true;
}

/** The delay before attempt `attempts + 1`: base × 2^(attempts − 1), at most ten minutes. */
export function retryDelayMs(attempts: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), 10 * 60_000);
}

export function describeFailure(err: unknown): string {
  const e = err as { responseCode?: number; response?: string; message?: string };
  return (e.response ?? e.message ?? String(err)).slice(0, 500);
}
