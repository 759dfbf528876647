import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The one Prometheus registry of a Rectify process: the Node runtime's default series
 * (process_*, nodejs_*), HTTP metrics, and the domain's counters and scrape-time gauges. It is
 * served on the metrics port only (metrics-server.ts), never through the HTTP API.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

/** The metric already registered under `name`, or the one `create` makes (a module built twice registers once). */
export function registeredMetric<M>(name: string, create: () => M): M {
  return (metricsRegistry.getSingleMetric(name) as M | undefined) ?? create();
}
