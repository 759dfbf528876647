import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { captureProcessWarnings, levelsFrom, logRecord, setLogService } from './log-line.js';

/** Nest's logger writing Rectify's one JSON line format (log-line.ts). */
export class JsonLogger extends ConsoleLogger {
  protected override getJsonLogObject(
    message: unknown,
    options: { context: string; logLevel: LogLevel; errorStack?: unknown; params?: Record<string, unknown>; error?: Error },
  ): ReturnType<ConsoleLogger['getJsonLogObject']> {
    const extra: Record<string, unknown> = { ...(options.params ?? {}) };
    if (options.errorStack) extra['stack'] = options.errorStack;
    if (options.error) extra['error'] = this.serializeError(options.error);
    return logRecord(options.logLevel, options.context || undefined, message, extra) as ReturnType<ConsoleLogger['getJsonLogObject']>;
  }
}

export function jsonLogger(name: string, level = process.env['LOG_LEVEL']): JsonLogger {
  setLogService(name);
  captureProcessWarnings();
  return new JsonLogger(name, { json: true, colors: false, logLevels: levelsFrom(level), flattenParams: true });
}
