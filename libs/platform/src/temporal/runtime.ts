import { Runtime } from '@temporalio/worker';
import type { MetricsSettings } from '../metrics/metrics-config.js';

let installed: { temporalPort: number } | undefined;

/**
 * Installs the Temporal SDK's Runtime once per process, before any NativeConnection or Worker (the
 * SDK refuses a second install, and one after a worker exists). With metrics on, the SDK's own
 * Prometheus exporter listens on loopback at `temporalPort` (durations in seconds, counters with
 * `_total`, histograms with their unit) and the process's /metrics merges it in. Later calls return
 * what the first one did.
 */
export function installTemporalRuntime(metrics: MetricsSettings): { temporalPort: number } {
  if (installed) return installed;
  if (metrics.port === 0) {
    installed = { temporalPort: 0 };
    return installed;
  }
  Runtime.install({
    telemetryOptions: {
      metrics: {
        prometheus: { bindAddress: `127.0.0.1:${metrics.temporalPort}`, useSecondsForDurations: true, countersTotalSuffix: true, unitSuffix: true },
      },
    },
  });
  installed = { temporalPort: metrics.temporalPort };
  return installed;
}

/** The loopback port of the SDK's exporter in this process, or 0 (no Runtime installed with metrics). */
export function temporalMetricsPort(): number {
  return installed?.temporalPort ?? 0;
}
