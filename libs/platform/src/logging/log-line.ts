import { currentRequestId } from './request-context.js';

/** Levels from the most to the least verbose; `info` is accepted as `log`. */
export const LOG_LEVELS = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'] as const;
export type RectifyLogLevel = (typeof LOG_LEVELS)[number];
export const LOG_LEVEL_NAMES = [...LOG_LEVELS, 'info'] as const;

/** The levels written for LOG_LEVEL `level` (an unknown value is refused by the configuration). */
export function levelsFrom(level: string | undefined): RectifyLogLevel[] {
  const name = level === 'info' || level === undefined || level === '' ? 'log' : level;
  const from = LOG_LEVELS.indexOf(name as RectifyLogLevel);
  return LOG_LEVELS.slice(from < 0 ? LOG_LEVELS.indexOf('log') : from);
}

let serviceName = process.env['RECTIFY_SERVICE'] ?? 'rectify';

/** Names the process in every line it writes (gateway, issues, …, worker). */
export function setLogService(name: string): void {
  serviceName = name;
}

/**
 * One log line, the one format of every Rectify process (Nest, the Temporal SDK, the worker):
 * JSON with level, ISO time, pid, service, context, message and the request id when there is one.
 */
/** Fields every line has; an extra field of the same name is dropped. */
const STANDARD_FIELDS = new Set(['level', 'time', 'pid', 'service', 'context', 'message']);

export function logRecord(level: string, context: string | undefined, message: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const requestId = currentRequestId();
  const record: Record<string, unknown> = { level, time: new Date().toISOString(), pid: process.pid, service: serviceName };
  if (context) record['context'] = context;
  record['message'] = message;
  if (requestId) record['requestId'] = requestId;
  for (const key of Object.keys(extra)) if (!STANDARD_FIELDS.has(key)) record[key] = extra[key];
  return record;
}

const bigintAsText = (_k: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v);

/**
 * The record as one JSON text, BigInts as decimal strings. Written for every request (the access
 * line), so a replacer — which takes JSON.stringify off its fast path — is used only when a
 * record holds a BigInt (the plain call refuses those with a TypeError).
 */
function lineOf(record: Record<string, unknown>): string {
  try {
    return JSON.stringify(record);
  } catch (err) {
    if (err instanceof TypeError && /BigInt/i.test(err.message)) return JSON.stringify(record, bigintAsText);
    throw err;
  }
}

export function writeLog(level: string, context: string | undefined, message: unknown, extra: Record<string, unknown> = {}): void {
  const line = lineOf(logRecord(level, context, message, extra));
  (level === 'error' || level === 'fatal' ? process.stderr : process.stdout).write(`${line}\n`);
}

let warningsCaptured = false;

/**
 * Node's own warnings (a deprecation, a MaxListeners leak) are written as Rectify log lines at
 * level warn instead of Node's plain text on stderr.
 */
export function captureProcessWarnings(): void {
  if (warningsCaptured) return;
  warningsCaptured = true;
  process.removeAllListeners('warning');
  process.on('warning', (w: Error & { code?: string }) => writeLog('warn', 'Node', w.message, { event: 'process-warning', warning: w.name, ...(w.code ? { code: w.code } : {}) }));
}
