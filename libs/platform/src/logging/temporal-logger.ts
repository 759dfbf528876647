import { DefaultLogger, Runtime, type LogEntry, type LogLevel as SdkLevel } from '@temporalio/worker';
import { levelsFrom, writeLog } from './log-line.js';
import type { MetricsSettings } from '../metrics/metrics-config.js';

const SDK_LEVEL: Record<SdkLevel, string> = { TRACE: 'verbose', DEBUG: 'debug', INFO: 'log', WARN: 'warn', ERROR: 'error' };
const SDK_FROM: Record<string, SdkLevel> = { verbose: 'TRACE', debug: 'DEBUG', log: 'INFO', warn: 'WARN', error: 'ERROR', fatal: 'ERROR' };

let installed: { temporalMetricsPort: number } | undefined;

export interface TemporalRuntimeOptions {
  /** Lowest log level (LOG_LEVEL by default). */
  level?: string;
  /** With a metrics port: the SDK's own Prometheus exporter on loopback, merged into /metrics. */
  metrics?: MetricsSettings;
}

/**
 * Installs the Temporal SDK runtime once per process, before any connection or worker (the SDK
 * refuses a second install, and one after a worker exists): the SDK's own log lines (worker state,
 * pollers, Core) are written in Rectify's JSON format, and with metrics on, its Prometheus exporter
 * listens on 127.0.0.1:`temporalPort` (durations in seconds, counters ending in `_total`,
 * histograms with their unit) for the process's /metrics to merge in. Later calls change nothing.
 */
export function installTemporalRuntime(options: TemporalRuntimeOptions = {}): void {
  if (installed) return;
  const temporalMetricsPort = options.metrics && options.metrics.port !== 0 ? options.metrics.temporalPort : 0;
  installed = { temporalMetricsPort };
  const lowest = levelsFrom(options.level ?? process.env['LOG_LEVEL'])[0] ?? 'log';
  Runtime.install({
    logger: new DefaultLogger(SDK_FROM[lowest] ?? 'INFO', (entry: LogEntry) => {
      const { sdkComponent, ...meta } = entry.meta ?? {};
      writeLog(SDK_LEVEL[entry.level], `temporal${sdkComponent ? `:${String(sdkComponent)}` : ''}`, entry.message, meta);
    }),
    telemetryOptions: {
      // Core's own lines (its client's gRPC retries, pollers) come through the logger above, not as
      // Core's plain text on stderr.
      logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} },
      ...(temporalMetricsPort !== 0
        ? { metrics: { prometheus: { bindAddress: `127.0.0.1:${temporalMetricsPort}`, useSecondsForDurations: true, countersTotalSuffix: true, unitSuffix: true } } }
        : {}),
    },
  });
}

/** The loopback port of the SDK's exporter in this process, or 0 (no runtime installed with metrics). */
export function temporalMetricsPort(): number {
  return installed?.temporalMetricsPort ?? 0;
}
