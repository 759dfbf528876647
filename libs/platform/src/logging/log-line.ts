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
export function logRecord(level: string, context: string | undefined, message: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const requestId = currentRequestId();
  return {
    level,
    time: new Date().toISOString(),
    pid: process.pid,
    service: serviceName,
    ...(context ? { context } : {}),
    message,
    ...(requestId ? { requestId } : {}),
    ...Object.fromEntries(Object.entries(extra).filter(([k]) => !['level', 'time', 'pid', 'service', 'context', 'message'].includes(k))),
  };
}

export function writeLog(level: string, context: string | undefined, message: unknown, extra: Record<string, unknown> = {}): void {
  const line = JSON.stringify(logRecord(level, context, message, extra), (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
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
