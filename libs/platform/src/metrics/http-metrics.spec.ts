import { describe, expect, it } from '@jest/globals';
import { EventEmitter } from 'node:events';
import type { NextFunction, Request, Response } from 'express';
import { httpMetricsMiddleware, routeLabel } from './http-metrics.js';
import { metricsRegistry } from './registry.js';

describe('routeLabel', () => {
  it('is the matched route template, never the raw URL', () => {
    expect(routeLabel({ route: { path: '/problems/:ledgerNo' }, baseUrl: '', originalUrl: '/problems/E001-2026-00042?x=1' } as never)).toBe('/problems/:ledgerNo');
  });

  it('names a proxied service by its prefix and everything else unmatched', () => {
    const prefixes = ['/api/issues', '/api/notifications'];
    expect(routeLabel({ baseUrl: '', originalUrl: '/api/issues/problems/E001-2026-00042' } as never, prefixes)).toBe('/api/issues/*');
    expect(routeLabel({ baseUrl: '', originalUrl: '/api/issuesx/y' } as never, prefixes)).toBe('unmatched');
    expect(routeLabel({ baseUrl: '', originalUrl: '/wp-login.php?user=admin' } as never, prefixes)).toBe('unmatched');
  });
});

describe('httpMetricsMiddleware', () => {
  const count = async (labels: Record<string, string>) =>
    (await metricsRegistry.getSingleMetric('rectify_http_requests_total')!.get()).values.find((v) => Object.entries(labels).every(([k, val]) => v.labels[k] === val))?.value ?? 0;

  const respond = (method: string, route: string | undefined, status: number, finished: boolean) => {
    const res = Object.assign(new EventEmitter(), { statusCode: status, writableFinished: finished });
    const req = { method, route: route ? { path: route } : undefined, baseUrl: '', originalUrl: '/x' };
    let called = false;
    httpMetricsMiddleware()(req as unknown as Request, res as unknown as Response, (() => (called = true)) as NextFunction);
    expect(called).toBe(true);
    res.emit('finish');
    res.emit('close'); // counted once, not twice
  };

  it('counts each answer once by method, template and status; a client gone before the end as 499', async () => {
    const before = await count({ method: 'PATCH', route: '/cases/:id', status: '403' });
    respond('PATCH', '/cases/:id', 403, true);
    expect(await count({ method: 'PATCH', route: '/cases/:id', status: '403' })).toBe(before + 1);
    const gone = await count({ method: 'GET', route: '/export', status: '499' });
    respond('GET', '/export', 200, false);
    expect(await count({ method: 'GET', route: '/export', status: '499' })).toBe(gone + 1);
    respond('BREW', undefined, 405, true);
    expect(await count({ method: 'OTHER', route: 'unmatched', status: '405' })).toBeGreaterThanOrEqual(1);
  });
});
