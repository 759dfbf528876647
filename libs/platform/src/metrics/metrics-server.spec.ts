import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../config/config.js';
import { METRICS_CONFIG, metricsSettings } from './metrics-config.js';
import { startMetricsServer } from './metrics-server.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

describe('metrics settings', () => {
  it('are off by default, and the SDK exporter sits next to the endpoint unless told otherwise', () => {
    expect(metricsSettings(loadConfig(METRICS_CONFIG, {}))).toEqual({ port: 0, host: '127.0.0.1', temporalPort: 0 });
    expect(metricsSettings(loadConfig(METRICS_CONFIG, { METRICS_PORT: '9464' }))).toEqual({ port: 9464, host: '127.0.0.1', temporalPort: 9465 });
    expect(metricsSettings(loadConfig(METRICS_CONFIG, { METRICS_PORT: '9464', TEMPORAL_METRICS_PORT: '9500' })).temporalPort).toBe(9500);
  });

  it('refuse a port out of range, naming the variable', () => {
    expect(() => loadConfig(METRICS_CONFIG, { METRICS_PORT: '70000' })).toThrow(/METRICS_PORT must be a TCP port/);
    expect(() => loadConfig(METRICS_CONFIG, { TEMPORAL_METRICS_PORT: 'x' })).toThrow(/TEMPORAL_METRICS_PORT must be an integer/);
  });
});

describe('the metrics endpoint', () => {
  let server: Server | undefined;
  let port = 0;
  const errors: string[] = [];
  beforeAll(async () => {
    port = await freePort();
    server = await startMetricsServer({ port, host: '127.0.0.1', temporalPort: 0 }, (m) => errors.push(m));
  });
  afterAll(() => {
    server?.close();
  });

  it('serves the registry as Prometheus text at GET /metrics', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await res.text()).toMatch(/^# TYPE process_cpu_user_seconds_total counter$/m);
  });

  it('serves nothing else', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/metrics`, { method: 'POST' })).status).toBe(404);
    expect(errors).toEqual([]);
  });

  it('stops the start when its port is taken', async () => {
    await expect(startMetricsServer({ port, host: '127.0.0.1', temporalPort: 0 }, () => undefined)).rejects.toThrow(/EADDRINUSE/);
  });

  it('is not started with METRICS_PORT=0', async () => {
    expect(await startMetricsServer({ port: 0, host: '127.0.0.1', temporalPort: 0 }, () => undefined)).toBeUndefined();
  });
});
