import type { NextFunction, Request, Response } from 'express';
import { Counter, Histogram } from 'prom-client';
import { metricsRegistry, registeredMetric } from './registry.js';

const requests = registeredMetric(
  'rectify_http_requests_total',
  () => new Counter({ name: 'rectify_http_requests_total', help: 'HTTP requests answered, by method, route template and status code', labelNames: ['method', 'route', 'status'] as const, registers: [metricsRegistry] }),
);
const duration = registeredMetric(
  'rectify_http_request_duration_seconds',
  () =>
    new Histogram({
      name: 'rectify_http_request_duration_seconds',
      help: 'Time from receiving an HTTP request to the end of its answer, by method and route template',
      labelNames: ['method', 'route'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [metricsRegistry],
    }),
);

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * The label of a request's route: the template it matched (`/problems/:id`, never the raw URL, so
 * the series stay bounded), `<prefix>/*` for a path under one of `prefixes` (the gateway's proxied
 * services), or `unmatched`.
 */
export function routeLabel(req: Pick<Request, 'route' | 'baseUrl' | 'originalUrl'>, prefixes: readonly string[] = []): string {
  const template = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof template === 'string') return `${req.baseUrl ?? ''}${template}`;
  const path = (req.originalUrl ?? '').split('?')[0] ?? '';
  const prefix = prefixes.find((p) => path === p || path.startsWith(`${p}/`));
  return prefix ? `${prefix}/*` : 'unmatched';
}

/**
 * Express middleware counting every request when its answer ends (or the client goes away):
 * rectify_http_requests_total and rectify_http_request_duration_seconds. Installed before every
 * route, so refusals by the guard (401/403) and body limits (413) are counted too.
 */
export function httpMetricsMiddleware(prefixes: readonly string[] = []) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    let done = false;
    const record = () => {
      if (done) return;
      done = true;
      const method = METHODS.has(req.method) ? req.method : 'OTHER';
      const route = routeLabel(req, prefixes);
      // A client that hung up before the answer ended: status 499, as nginx reports it.
      const status = res.writableFinished ? String(res.statusCode) : '499';
      requests.inc({ method, route, status });
      duration.observe({ method, route }, Number(process.hrtime.bigint() - started) / 1e9);
    };
    res.once('finish', record);
    res.once('close', record);
    next();
  };
}
