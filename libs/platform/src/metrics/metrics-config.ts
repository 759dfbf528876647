import type { ConfigSpec } from '../config/config.js';

const portOrOff = (name: string) => (raw: string) => {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 && n < 65536 ? [] : [`${name} must be a TCP port (1-65535), or 0 for none, got "${raw}"`];
};

/**
 * Where a process serves Prometheus metrics (docs/operations.md, "Metrics"). A port of its own, not
 * the HTTP API's: the gateway's /api proxy cannot reach it, and a NetworkPolicy admits only the
 * monitoring namespace to it.
 */
export const METRICS_CONFIG = {
  METRICS_PORT: { kind: 'int', default: '0', description: 'port of the Prometheus endpoint /metrics (0: no metrics endpoint)', check: portOrOff('METRICS_PORT') },
  METRICS_HOST: { kind: 'string', default: '127.0.0.1', description: 'address the metrics endpoint binds to (0.0.0.0 in a pod)' },
  TEMPORAL_METRICS_PORT: {
    kind: 'int',
    default: '0',
    description: 'loopback port of the Temporal SDK\'s own Prometheus exporter, merged into /metrics (0: METRICS_PORT + 1)',
    check: portOrOff('TEMPORAL_METRICS_PORT'),
  },
} as const satisfies ConfigSpec;

export interface MetricsSettings {
  /** 0 when the process serves no metrics. */
  port: number;
  host: string;
  /** Loopback port of the Temporal SDK exporter (0 when metrics are off). */
  temporalPort: number;
}

export function metricsSettings(config: { METRICS_PORT: number; METRICS_HOST: string; TEMPORAL_METRICS_PORT: number }): MetricsSettings {
  const port = config.METRICS_PORT;
  return { port, host: config.METRICS_HOST, temporalPort: port === 0 ? 0 : config.TEMPORAL_METRICS_PORT || port + 1 };
}
