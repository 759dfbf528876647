import { DefaultLogger, Runtime, type LogEntry, type LogLevel as SdkLevel } from '@temporalio/worker';
import { levelsFrom, writeLog } from './log-line.js';

const SDK_LEVEL: Record<SdkLevel, string> = { TRACE: 'verbose', DEBUG: 'debug', INFO: 'log', WARN: 'warn', ERROR: 'error' };
const SDK_FROM: Record<string, SdkLevel> = { verbose: 'TRACE', debug: 'DEBUG', log: 'INFO', warn: 'WARN', error: 'ERROR', fatal: 'ERROR' };

let installed = false;

/**
 * Installs the Temporal SDK runtime once per process, before any connection or worker, so the
 * SDK's own log lines (worker state, pollers, Core) are written in Rectify's JSON format.
 */
export function installTemporalRuntime(level = process.env['LOG_LEVEL']): void {
  if (installed) return;
  installed = true;
  const lowest = levelsFrom(level)[0] ?? 'log';
  Runtime.install({
    logger: new DefaultLogger(SDK_FROM[lowest] ?? 'INFO', (entry: LogEntry) => {
      const { sdkComponent, ...meta } = entry.meta ?? {};
      writeLog(SDK_LEVEL[entry.level], `temporal${sdkComponent ? `:${String(sdkComponent)}` : ''}`, entry.message, meta);
    }),
  });
}
